#!/usr/bin/env python3
"""Writes the *built* entries of data/environments/ (the captured ones come
from `perfv-report capture`). Each entry is assembled from documented facts
named in its PROVENANCE.md; nothing here is a measurement. Re-run after
editing: python3 scripts/build-atlas-entries.py"""
import json, os, shutil, struct

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "environments")

def regs(text):
    """12 ASCII bytes -> three little-endian words."""
    b = text.encode().ljust(12, b"\0")
    return struct.unpack("<3I", b)

def vendor_leaf(vendor, max_leaf):
    ebx, edx, ecx = regs(vendor)          # leaf 0 orders EBX, EDX, ECX
    return (max_leaf, ebx, ecx, edx)

def hv_leaf(signature, max_leaf):
    ebx, ecx, edx = regs(signature)       # hypervisor leaves order EBX, ECX, EDX
    return (max_leaf, ebx, ecx, edx)

INTEL, AMD = "GenuineIntel", "AuthenticAMD"
# CPUID.1 EAX signatures: Xeon Platinum 8375C is Ice Lake-SP (family 6 model 106 stepping 6),
# EPYC 7763 is Zen 3 Milan (family 25 model 1 stepping 1), EPYC 9654 is Zen 4 Genoa (family 25 model 17 stepping 1).
ICE_LAKE_SP, MILAN, GENOA = 0x000606A6, 0x00A00F11, 0x00A10F11
INTEL_BRAND = "Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz"

def decode_signature(eax):
    """(family, model, stepping) as the kernel prints them (Intel SDM / AMD APM, CPUID leaf 1)."""
    base_family, base_model = (eax >> 8) & 0xF, (eax >> 4) & 0xF
    family = base_family + ((eax >> 20) & 0xFF) if base_family == 0xF else base_family
    model = (((eax >> 16) & 0xF) << 4) + base_model if base_family in (0x6, 0xF) else base_model
    return family, model, eax & 0xF

def brand_leaves(brand):
    """Leaves 0x80000002-0x80000004: the 48-byte brand string, NUL-padded, four words each."""
    words = struct.unpack("<12I", brand.encode().ljust(48, b"\0"))
    return {0x80000002 + n: words[4 * n:4 * n + 4] for n in range(3)}
KVM_FEATURES = 0x01007AFB  # clocksource..steal_time..pv_* and bit 24 clocksource_stable (cpuid.rst)
KVM_FEATURES_UNSTABLE = KVM_FEATURES & ~(1 << 24)

def cpuid_table(vendor, hypervisor_bit, signature, brand, hv_blocks=(), leaf_a=None, amd_core=False):
    leaves = {}
    max_basic = 0xD if vendor == INTEL else 0x10
    leaves[(0, 0)] = vendor_leaf(vendor, max_basic)
    leaves[(1, 0)] = (signature, 0, (1 << 31) if hypervisor_bit else 0, 0x178BFBFF)
    if vendor == INTEL:
        leaves[(0xA, 0)] = leaf_a or (0, 0, 0, 0)
    for base, entries in hv_blocks:
        for offset, value in entries.items():
            leaves[(base + offset, 0)] = value
    leaves[(0x80000000, 0)] = (0x80000008, 0, 0, 0)
    leaves[(0x80000001, 0)] = (0, 0, (1 << 23) if amd_core else 0, 0)
    for leaf, words in brand_leaves(brand).items():
        leaves[(leaf, 0)] = words
    leaves[(0x80000007, 0)] = (0, 0, 0, 1 << 8)  # invariant TSC
    lines = ["# leaf subleaf eax ebx ecx edx (hexadecimal; see data/environments/README.md)",
             "# built from documentation, not dumped from a processor"]
    for (leaf, sub), r in sorted(leaves.items()):
        lines.append(" ".join(["0x%08x" % leaf, "0x%x" % sub] + ["0x%08x" % v for v in r]))
    return "\n".join(lines) + "\n"

def cpuinfo(vendor, model_name, signature, flags, cpus=2):
    family, model, stepping = decode_signature(signature)
    out = []
    for n in range(cpus):
        out.append(f"processor\t: {n}\nvendor_id\t: {vendor}\ncpu family\t: {family}\nmodel\t\t: {model}\n"
                   f"model name\t: {model_name}\nstepping\t: {stepping}\nphysical id\t: 0\ncore id\t\t: {n}\nflags\t\t: {' '.join(flags)}\n")
    return "\n".join(out)

BASE_FLAGS = "fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2 ht syscall nx rdtscp lm constant_tsc nonstop_tsc cpuid pni ssse3 sse4_1 sse4_2 x2apic popcnt avx avx2".split()

def entry(name, *, vendor=INTEL, model_name=INTEL_BRAND, signature=ICE_LAKE_SP, hypervisor=None, hv_blocks=(),
          with_cpuid=True, leaf_a=None, amd_core=False, extra_flags=(), clocksource="tsc", available="tsc hpet acpi_pm",
          paranoid="2", event_sources=("software", "tracepoint", "breakpoint"), probes=None, dmi=None, pci=(),
          files=None, modules=None, expected=None, provenance=""):
    d = os.path.join(ROOT, name)
    shutil.rmtree(d, ignore_errors=True)
    def write(path, text):
        p = os.path.join(d, path.lstrip("/"))
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w") as f: f.write(text)
    flags = BASE_FLAGS + (["hypervisor"] if hypervisor else []) + list(extra_flags)
    write("/proc/cpuinfo", cpuinfo(vendor, model_name, signature, flags))
    write("/sys/devices/system/clocksource/clocksource0/current_clocksource", clocksource + "\n")
    write("/sys/devices/system/clocksource/clocksource0/available_clocksource", available + " \n")
    write("/proc/sys/kernel/perf_event_paranoid", paranoid + "\n")
    for i, source in enumerate(event_sources):
        write(f"/sys/bus/event_source/devices/{source}/type", {"cpu": "4", "software": "1", "tracepoint": "2", "breakpoint": "5"}.get(source, str(10 + i)) + "\n")
    if dmi:
        for key, value in dmi.items(): write(f"/sys/class/dmi/id/{key}", value + "\n")
    if pci:
        lines = [f"{n * 8:04x}\t{vendor_id:04x}{device:04x}\t0" for n, (vendor_id, device) in enumerate(pci)]
        write("/proc/bus/pci/devices", "\n".join(lines) + "\n")
    for module, params in (modules or {}).items():
        for key, value in params.items(): write(f"/sys/module/{module}/parameters/{key}", value + "\n")
    for path, text in (files or {}).items(): write(path, text)
    if with_cpuid:
        write("/cpuid", cpuid_table(vendor, bool(hypervisor), signature, model_name, hv_blocks, leaf_a, amd_core))
    write("/probes.json", json.dumps(probes or {"perf_event_open": {"instructions": "ENOENT", "cycles": "ENOENT", "task-clock": "ok"}}, indent=2, sort_keys=True) + "\n")
    verdict = {"hypervisor_present": bool(hypervisor), "hypervisor": hypervisor, "hypervisor_source": "cpuid" if with_cpuid else "root evidence",
               "nested_virtualization": False, "cloud": None, "instance_type": None, "container": None, "cgroup_version": None,
               "cpu_quota": None, "pmu_available": False, "pmu_reason": "no-vpmu", "clocksource": clocksource,
               "clock_access": "vdso", "papi_hardware_counts": False}
    verdict.update(expected or {})
    write("/expected.json", json.dumps(verdict, indent=2, sort_keys=True) + "\n")
    write("/PROVENANCE.md", "# Provenance\nBuilt by scripts/build-atlas-entries.py from documented facts, not captured; "
          "it holds no live measurements (clock costs, PAPI, NUMA, steal are absent and read \"not measured offline\").\n\n"
          + provenance.strip() + "\n")

OK = {"perf_event_open": {"instructions": "ok", "cycles": "ok", "task-clock": "ok"}}
NO_PMU = {"perf_event_open": {"instructions": "ENOENT", "cycles": "ENOENT", "task-clock": "ok"}}
ARCH_PERFMON_V5 = (0x08300805, 0, 0, 0x00008604)  # version 5, 8 x 48-bit GP, 4 x 48-bit fixed (SDM vol. 2A, leaf 0xA)
KVM_VPMU_V2 = (0x07300402, 0, 0, 0x00000603)      # version 2, 4 x 48-bit GP, 3 x 48-bit fixed: KVM's vPMU
KVM_BLOCK = lambda features=KVM_FEATURES, hints=0: (0x40000000, {0: hv_leaf("KVMKVMKVM", 0x40000001), 1: (features, 0, 0, hints)})
CGROUP_V2_HOST = {"/sys/fs/cgroup/cgroup.controllers": "cpuset cpu io memory pids\n", "/proc/1/cgroup": "0::/init.scope\n"}
KVM_DOCS = "- KVM CPUID leaves: Linux Documentation/virt/kvm/x86/cpuid.rst (signature KVMKVMKVM at 0x40000000, features in 0x40000001 EAX, bit 24 KVM_FEATURE_CLOCKSOURCE_STABLE_BIT, EDX bit 0 KVM_HINTS_REALTIME).\n"
PMU_DOCS = "- No vPMU: the kernel registers no `cpu` event source and perf_event_open of PERF_TYPE_HARDWARE events fails with ENOENT (kernel/events/core.c: no PMU accepts the event).\n"
# cgroup-v2.rst, "cpu" interface files: cpu.stat's usage lines always, the bandwidth lines with the cpu controller.
CPU_STAT_V2 = "usage_usec 48211733\nuser_usec 40103377\nsystem_usec 8108356\nnr_periods 4120\nnr_throttled 312\nthrottled_usec 8734120\nnr_bursts 0\nburst_usec 0\n"
CPU_STAT_V2_DOCS = "- cpu.stat as Documentation/admin-guide/cgroup-v2.rst documents it (usage_usec, user_usec, system_usec; with the cpu controller nr_periods, nr_throttled, throttled_usec, nr_bursts, burst_usec); the numbers are examples, not measurements.\n"
CG2 = "- cgroup v2: Documentation/admin-guide/cgroup-v2.rst (cgroup.controllers at the root, cpu.max \"$MAX $PERIOD\").\n"

entry("bare-metal-intel", modules={"kvm_intel": {"nested": "Y"}, "kvm": {"enable_pmu": "Y"}}, extra_flags=["vmx"],
      leaf_a=ARCH_PERFMON_V5, event_sources=("cpu", "software", "tracepoint", "breakpoint", "uncore_imc_0"), probes=OK, files=CGROUP_V2_HOST,
      expected={"pmu_available": True, "pmu_reason": "available", "cgroup_version": 2},
      provenance="- Intel server without a hypervisor: CPUID.1:ECX[31] clear (Intel SDM vol. 2A, CPUID).\n- Architectural perfmon leaf 0xA version 5 (Ice Lake server): 8 general counters of 48 bits, 4 fixed.\n- The kernel's core PMU registers as /sys/bus/event_source/devices/cpu.\n" + CG2)
entry("bare-metal-amd", vendor=AMD, model_name="AMD EPYC 7763 64-Core Processor", signature=MILAN, amd_core=True, extra_flags=["svm"],
      modules={"kvm_amd": {"nested": "1"}}, event_sources=("cpu", "software", "amd_df", "amd_l3"), probes=OK, files=CGROUP_V2_HOST,
      expected={"pmu_available": True, "pmu_reason": "available", "cgroup_version": 2},
      provenance="- AMD EPYC (Zen 3) without a hypervisor. AMD has no leaf 0xA; core counters are CPUID 0x80000001 ECX[23] PerfCtrExtCore (AMD APM vol. 3).\n" + CG2)
entry("kvm-guest-vpmu", hypervisor="KVM", hv_blocks=[KVM_BLOCK(hints=1)], leaf_a=KVM_VPMU_V2, clocksource="kvm-clock", available="kvm-clock tsc acpi_pm",
      event_sources=("cpu", "software", "tracepoint"), probes=OK, dmi={"sys_vendor": "QEMU", "product_name": "Standard PC (Q35 + ICH9, 2009)", "bios_vendor": "SeaBIOS"},
      pci=[(0x8086, 0x29c0), (0x1af4, 0x1041), (0x1af4, 0x1042)], files=CGROUP_V2_HOST,
      expected={"pmu_available": True, "pmu_reason": "available", "cgroup_version": 2},
      provenance=KVM_DOCS + "- QEMU/KVM with `-cpu host,pmu=on` and kvm.enable_pmu=Y exposes architectural perfmon version 2 in leaf 0xA (arch/x86/kvm/cpuid.c), and the realtime hint (`kvm-hint-dedicated=on`).\n- DMI: QEMU's SMBIOS defaults (sys_vendor QEMU, product_name Standard PC (Q35 + ICH9, 2009)); PCI vendor 0x1af4 virtio.\n- kvm-clock with the stable bit reads in the vDSO (arch/x86/kernel/kvmclock.c: vclock_mode VDSO_CLOCKMODE_PVCLOCK when PVCLOCK_TSC_STABLE_BIT).\n")
entry("kvm-guest-unstable-kvmclock", hypervisor="KVM", hv_blocks=[KVM_BLOCK(features=KVM_FEATURES_UNSTABLE)], clocksource="kvm-clock", available="kvm-clock acpi_pm",
      dmi={"sys_vendor": "QEMU", "product_name": "Standard PC (i440FX + PIIX, 1996)"}, pci=[(0x1af4, 0x1000)], files=CGROUP_V2_HOST,
      expected={"clock_access": "syscall", "cgroup_version": 2},
      provenance=KVM_DOCS + "- Without KVM_FEATURE_CLOCKSOURCE_STABLE_BIT, kvmclock keeps vclock_mode NONE: clock_gettime is a system call (arch/x86/kernel/kvmclock.c).\n" + PMU_DOCS)
entry("aws-nitro-m5-large", hypervisor="KVM", hv_blocks=[KVM_BLOCK()], clocksource="kvm-clock", available="kvm-clock tsc acpi_pm",
      dmi={"sys_vendor": "Amazon EC2", "product_name": "m5.large", "bios_vendor": "Amazon EC2", "bios_version": "1.0"},
      pci=[(0x8086, 0x1237), (0x1d0f, 0xec20), (0x1d0f, 0x8061)], files=CGROUP_V2_HOST,
      expected={"cloud": "aws", "instance_type": "m5.large", "cgroup_version": 2},
      provenance=KVM_DOCS + "- AWS Nitro instances: DMI sys_vendor \"Amazon EC2\" and product_name the instance type (AWS EC2 user guide, \"Identify EC2 Linux instances\"); ENA/NVMe devices carry PCI vendor 0x1d0f (Amazon).\n- Nitro presents the KVM signature; kvm-clock is the default clocksource (AWS recommends switching to tsc).\n- Sizes smaller than a full socket get no vPMU.\n" + PMU_DOCS)
entry("aws-xen-t2-micro", hypervisor="Xen", hv_blocks=[(0x40000000, {0: hv_leaf("XenVMMXenVMM", 0x40000005), 1: (0x0004000B, 0, 0, 0)})],
      clocksource="xen", available="xen tsc hpet acpi_pm", dmi={"sys_vendor": "Xen", "product_name": "HVM domU", "bios_vendor": "Xen", "bios_version": "4.11.amazon"},
      pci=[(0x8086, 0x1237), (0x5853, 0x0001)], files={"/sys/hypervisor/type": "xen\n", "/proc/xen/capabilities": "\n", **CGROUP_V2_HOST},
      expected={"cloud": "aws", "clock_access": "syscall", "cgroup_version": 2},
      provenance="- Xen HVM guest: CPUID 0x40000000 \"XenVMMXenVMM\" (Xen public/arch-x86/cpuid.h), 0x40000001 EAX the Xen version (4.11).\n- AWS Xen instances: DMI bios_version ends in \"amazon\" (AWS EC2 user guide, \"Identify EC2 Linux instances\"); platform PCI device vendor 0x5853.\n- The xen clocksource has no vDSO mode on these guests: every clock_gettime is a system call (AWS recommends tsc).\n" + PMU_DOCS)
entry("gce-n2-standard-4", hypervisor="KVM", hv_blocks=[KVM_BLOCK()], clocksource="kvm-clock", available="kvm-clock tsc acpi_pm",
      dmi={"sys_vendor": "Google", "product_name": "Google Compute Engine", "bios_vendor": "Google"},
      pci=[(0x8086, 0x1237), (0x1af4, 0x1004), (0x1ae0, 0x0042)], files=CGROUP_V2_HOST,
      expected={"cloud": "gce", "cgroup_version": 2},
      provenance=KVM_DOCS + "- GCE: DMI sys_vendor \"Google\", product_name \"Google Compute Engine\" (Google Cloud docs, \"Determine if your VM is running in Compute Engine\"); the instance type is not in DMI (metadata server only).\n- virtio (0x1af4) and gVNIC (0x1ae0) devices. No vPMU on n2.\n" + PMU_DOCS)
entry("vmware-esxi", hypervisor="VMware", hv_blocks=[(0x40000000, {0: hv_leaf("VMwareVMware", 0x40000010), 0x10: (2095078, 1000000, 0, 0)})],
      dmi={"sys_vendor": "VMware, Inc.", "product_name": "VMware7,1", "bios_vendor": "VMware, Inc."}, pci=[(0x15ad, 0x0405), (0x15ad, 0x07b0)], files=CGROUP_V2_HOST,
      expected={"cgroup_version": 2},
      provenance="- VMware: CPUID 0x40000000 \"VMwareVMware\" and the timing leaf 0x40000010 (EAX TSC kHz, EBX APIC bus kHz), VMware KB 1009458 \"Mechanisms to determine if software is running in a VMware virtual machine\".\n- DMI sys_vendor \"VMware, Inc.\"; PCI vendor 0x15ad. Virtual performance counters (vPMC) are off by default.\n- The TSC frequency 2095.078 MHz is an example value of the timing leaf, not a measurement.\n" + PMU_DOCS)
HV_BLOCK = (0x40000000, {0: hv_leaf("Microsoft Hv", 0x4000000A), 1: (0x31237648, 0, 0, 0), 3: (0x00002E7F, 0x003B8030, 0x2, 0x0EED7B2)})
entry("azure-hyperv-d4s-v5", hypervisor="Hyper-V", hv_blocks=[HV_BLOCK], clocksource="hyperv_clocksource_tsc_page", available="hyperv_clocksource_tsc_page acpi_pm",
      dmi={"sys_vendor": "Microsoft Corporation", "product_name": "Virtual Machine", "bios_vendor": "Microsoft Corporation", "chassis_asset_tag": "7783-7084-3265-9085-8269-3286-77"},
      pci=[(0x1414, 0x5353)], files={"/sys/bus/vmbus/drivers/hv_netvsc/uevent": "\n", **CGROUP_V2_HOST},
      expected={"cloud": "azure", "cgroup_version": 2},
      provenance="- Hyper-V: CPUID 0x40000000 \"Microsoft Hv\", interface \"Hv#1\" at 0x40000001, partition privileges at 0x40000003 EAX (Hyper-V TLFS, \"Feature Discovery\"); bit 9 AccessPartitionReferenceTsc gives the reference TSC page that hyperv_clocksource_tsc_page reads in the vDSO.\n- Azure: DMI chassis_asset_tag 7783-7084-3265-9085-8269-3286-77 (Azure docs and cloud-init's DataSourceAzure); instance type not in DMI.\n" + PMU_DOCS)
entry("hyperv-onprem-msr-clock", hypervisor="Hyper-V", hv_blocks=[(0x40000000, {0: hv_leaf("Microsoft Hv", 0x40000005), 1: (0x31237648, 0, 0, 0), 3: (0x0000007F, 0, 0, 0)})],
      clocksource="hyperv_clocksource_msr", available="hyperv_clocksource_msr acpi_pm", dmi={"sys_vendor": "Microsoft Corporation", "product_name": "Virtual Machine"},
      pci=[(0x1414, 0x5353)], files=CGROUP_V2_HOST, expected={"clock_access": "syscall", "cgroup_version": 2},
      provenance="- Hyper-V without AccessPartitionReferenceTsc (0x40000003 EAX bit 9 clear, Hyper-V TLFS): Linux falls back to hyperv_clocksource_msr, which has no vDSO mode, so every clock_gettime is a system call reading an MSR.\n- On-premises Hyper-V: DMI \"Microsoft Corporation\" / \"Virtual Machine\" without Azure's asset tag.\n" + PMU_DOCS)
entry("xen-hvm", hypervisor="Xen", hv_blocks=[(0x40000000, {0: hv_leaf("XenVMMXenVMM", 0x40000005), 1: (0x00040011, 0, 0, 0)})], clocksource="xen", available="xen tsc acpi_pm",
      dmi={"sys_vendor": "Xen", "product_name": "HVM domU", "bios_vendor": "Xen"}, pci=[(0x5853, 0x0001)],
      files={"/sys/hypervisor/type": "xen\n", "/proc/xen/capabilities": "\n", **CGROUP_V2_HOST}, expected={"clock_access": "syscall", "cgroup_version": 2},
      provenance="- Xen HVM: CPUID \"XenVMMXenVMM\" (xen/include/public/arch-x86/cpuid.h), /sys/hypervisor/type \"xen\" (Documentation/ABI/stable/sysfs-hypervisor-xen), /proc/xen (xenfs), platform PCI vendor 0x5853.\n- The xen clocksource (pvclock without a vDSO mapping here) makes clock_gettime a system call.\n" + PMU_DOCS)
entry("xen-pv", hypervisor="Xen", with_cpuid=False, clocksource="xen", available="xen", files={"/sys/hypervisor/type": "xen\n", "/proc/xen/capabilities": "control_d\n", **CGROUP_V2_HOST},
      expected={"clock_access": "syscall", "cgroup_version": 2},
      provenance="- Xen PV domain (dom0 here): no CPUID table, as PV guests see the host's CPUID unless faulting is enabled, so detection uses the root's evidence.\n- /sys/hypervisor/type \"xen\" and /proc/xen/capabilities (\"control_d\" in dom0), Documentation/ABI/stable/sysfs-hypervisor-xen; Linux sets X86_FEATURE_HYPERVISOR for PV guests (arch/x86/xen/enlighten_pv.c), so cpuinfo shows `hypervisor`.\n- PV guests use the xen clocksource only.\n" + PMU_DOCS)
entry("virtualbox", hypervisor="VirtualBox", hv_blocks=[(0x40000000, {0: hv_leaf("VBoxVBoxVBox", 0x40000000)})], clocksource="tsc", available="tsc acpi_pm",
      dmi={"sys_vendor": "innotek GmbH", "product_name": "VirtualBox", "bios_vendor": "innotek GmbH"}, pci=[(0x80ee, 0xcafe), (0x80ee, 0xbeef)], files=CGROUP_V2_HOST,
      expected={"cgroup_version": 2},
      provenance="- VirtualBox with the \"minimal\" paravirtualization interface: CPUID \"VBoxVBoxVBox\" (VirtualBox manual, \"Paravirtualization Providers\"); DMI \"innotek GmbH\" / \"VirtualBox\"; guest device PCI vendor 0x80ee. No vPMU.\n" + PMU_DOCS)
entry("qemu-tcg", hypervisor="QEMU TCG", hv_blocks=[(0x40000000, {0: hv_leaf("TCGTCGTCGTCG", 0x40000001)})], clocksource="hpet", available="hpet acpi_pm",
      dmi={"sys_vendor": "QEMU", "product_name": "Standard PC (Q35 + ICH9, 2009)"}, pci=[(0x1af4, 0x1041)], files=CGROUP_V2_HOST,
      expected={"clock_access": "syscall", "cgroup_version": 2},
      provenance="- QEMU's TCG accelerator (no KVM): CPUID 0x40000000 \"TCGTCGTCGTCG\" (target/i386/cpu.c). Without KVM the TSC is emulated and the kernel marks it unstable, so the clocksource is hpet, which has no vDSO mode (an assumption for this shape: clock_gettime is a system call).\n" + PMU_DOCS)
entry("docker-in-kvm-cgroup-v2-quota", hypervisor="KVM", hv_blocks=[KVM_BLOCK()], clocksource="kvm-clock", available="kvm-clock tsc",
      dmi={"sys_vendor": "QEMU", "product_name": "Standard PC (Q35 + ICH9, 2009)"}, pci=[(0x1af4, 0x1041)],
      files={"/.dockerenv": "", "/proc/1/cgroup": "0::/\n", "/proc/self/cgroup": "0::/\n", "/sys/fs/cgroup/cgroup.controllers": "cpuset cpu io memory pids\n",
             "/sys/fs/cgroup/cpu.max": "150000 100000\n", "/sys/fs/cgroup/cpu.stat": CPU_STAT_V2},
      expected={"container": "docker", "cgroup_version": 2, "cpu_quota": 1.5},
      provenance=KVM_DOCS + "- Docker on cgroup v2 with `--cpus=1.5`: /.dockerenv, a private cgroup namespace (/proc/1/cgroup and /proc/self/cgroup \"0::/\"), cpu.max \"150000 100000\" (Docker docs, \"Runtime options with Memory, CPUs\").\n" + CG2 + CPU_STAT_V2_DOCS + PMU_DOCS)
entry("kubernetes-pod-in-kvm-cgroup-v1", hypervisor="KVM", hv_blocks=[KVM_BLOCK()], clocksource="kvm-clock", available="kvm-clock tsc",
      files={"/proc/1/cgroup": "12:cpu,cpuacct:/kubepods/burstable/pod8d2c1a4e-0b7e-4d7a-9c51-3f0f5e2b9a11/4f1c2e\n11:memory:/kubepods/burstable/pod8d2c1a4e-0b7e-4d7a-9c51-3f0f5e2b9a11/4f1c2e\n1:name=systemd:/kubepods/burstable/pod8d2c1a4e-0b7e-4d7a-9c51-3f0f5e2b9a11/4f1c2e\n",
             "/proc/self/cgroup": "12:cpu,cpuacct:/kubepods/burstable/pod8d2c1a4e-0b7e-4d7a-9c51-3f0f5e2b9a11/4f1c2e\n11:memory:/kubepods/burstable/pod8d2c1a4e-0b7e-4d7a-9c51-3f0f5e2b9a11/4f1c2e\n1:name=systemd:/kubepods/burstable/pod8d2c1a4e-0b7e-4d7a-9c51-3f0f5e2b9a11/4f1c2e\n",
             "/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us": "200000\n", "/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_period_us": "100000\n",
             "/sys/fs/cgroup/cpu,cpuacct/cpu.stat": "nr_periods 5821\nnr_throttled 407\nthrottled_time 21873400512\n"},
      expected={"container": "kubernetes", "cgroup_version": 1, "cpu_quota": 2.0},
      provenance=KVM_DOCS + "- A Kubernetes pod (containerd) with a CPU limit of 2 on cgroup v1: /proc/1/cgroup paths under /kubepods/<qos>/pod<uid>/ (Kubernetes docs, \"Pod QoS\"), cpu.cfs_quota_us 200000 over cpu.cfs_period_us 100000 (Documentation/scheduler/sched-bwc.rst).\n- Without a cgroup namespace the container sees the host's path in /proc/self/cgroup while its own group is mounted at /sys/fs/cgroup/cpu,cpuacct.\n- cpu.stat as sched-bwc.rst documents it (nr_periods, nr_throttled, throttled_time in ns); the numbers are examples, not measurements.\n" + PMU_DOCS)
entry("podman-in-kvm-cgroup-v2", hypervisor="KVM", hv_blocks=[KVM_BLOCK()], clocksource="tsc", available="tsc kvm-clock",
      files={"/run/.containerenv": "engine=\"podman-4.9.3\"\n", "/proc/1/cgroup": "0::/\n", "/proc/self/cgroup": "0::/\n", "/sys/fs/cgroup/cgroup.controllers": "cpu io memory pids\n",
             "/sys/fs/cgroup/cpu.max": "max 100000\n", "/sys/fs/cgroup/cpu.stat": "usage_usec 912345\nuser_usec 801234\nsystem_usec 111111\nnr_periods 0\nnr_throttled 0\nthrottled_usec 0\nnr_bursts 0\nburst_usec 0\n"},
      expected={"container": "podman", "cgroup_version": 2},
      provenance=KVM_DOCS + "- Podman writes /run/.containerenv in every container (podman-run(1)); no CPU limit: cpu.max \"max 100000\".\n" + CG2 + CPU_STAT_V2_DOCS + PMU_DOCS)
entry("paranoid-3-bare-metal", leaf_a=ARCH_PERFMON_V5, event_sources=("cpu", "software"), paranoid="3", files=CGROUP_V2_HOST,
      probes={"perf_event_open": {"instructions": "EACCES", "cycles": "EACCES", "task-clock": "EACCES"}},
      expected={"pmu_reason": "paranoid", "cgroup_version": 2},
      provenance="- Debian and Ubuntu kernels carry a patch adding perf_event_paranoid=3, which refuses perf_event_open to unprivileged users with EACCES (Debian kernel patch \"security-perf-allow-further-restriction-of-perf_event_open\").\n- Bare-metal Intel otherwise, as bare-metal-intel.\n")
entry("docker-seccomp-eperm", leaf_a=ARCH_PERFMON_V5, event_sources=("cpu", "software"), paranoid="2",
      files={"/.dockerenv": "", "/proc/1/cgroup": "0::/\n", "/sys/fs/cgroup/cgroup.controllers": "cpu memory pids\n", "/sys/fs/cgroup/cpu.max": "max 100000\n"},
      probes={"perf_event_open": {"instructions": "EPERM", "cycles": "EPERM", "task-clock": "EPERM"}},
      expected={"pmu_reason": "seccomp", "container": "docker", "cgroup_version": 2},
      provenance="- Docker's default seccomp profile blocks perf_event_open with EPERM (Docker docs, \"Seccomp security profiles for Docker\": perf_event_open is in the blocked list), although perf_event_paranoid=2 would allow user-mode counting.\n- Bare-metal Intel host with a PMU.\n")
entry("seccomp-enosys", vendor=AMD, model_name="AMD EPYC 9654 96-Core Processor", signature=GENOA, amd_core=True, event_sources=("cpu", "software"), paranoid="2",
      files={"/run/.containerenv": "", "/proc/1/cgroup": "0::/\n", "/sys/fs/cgroup/cgroup.controllers": "cpu memory pids\n"},
      probes={"perf_event_open": {"instructions": "ENOSYS", "cycles": "ENOSYS", "task-clock": "ENOSYS"}},
      expected={"pmu_reason": "no-perf-support", "container": "podman", "cgroup_version": 2},
      provenance="- A seccomp filter that answers ENOSYS for perf_event_open (SCMP_ACT_ERRNO(ENOSYS), as podman/crun profiles use for unknown calls; seccomp(2)). To PerfV this is indistinguishable from a kernel without CONFIG_PERF_EVENTS.\n")
entry("nested-kvm-l1-guest", hypervisor="KVM", hv_blocks=[KVM_BLOCK()], leaf_a=KVM_VPMU_V2, extra_flags=["vmx"], clocksource="kvm-clock", available="kvm-clock tsc",
      event_sources=("cpu", "software"), probes=OK, modules={"kvm_intel": {"nested": "Y"}, "kvm": {"enable_pmu": "Y"}},
      dmi={"sys_vendor": "QEMU", "product_name": "Standard PC (Q35 + ICH9, 2009)"}, pci=[(0x1af4, 0x1041)], files=CGROUP_V2_HOST,
      expected={"pmu_available": True, "pmu_reason": "available", "nested_virtualization": True, "cgroup_version": 2},
      provenance=KVM_DOCS + "- Nested virtualization: an L1 KVM guest given VMX (kvm_intel nested=1 on L0, Documentation/virt/kvm/x86/running-nested-guests.rst) shows `vmx` in /proc/cpuinfo and loads kvm_intel itself.\n")
entry("kvm-hyperv-enlightened", hypervisor="KVM", hv_blocks=[(0x40000000, {0: hv_leaf("Linux KVM Hv", 0x4000000A), 1: (0x31237648, 0, 0, 0), 3: (0x00003AFF, 0, 0, 0)}), (0x40000100, {0: hv_leaf("KVMKVMKVM", 0x40000101), 1: (KVM_FEATURES, 0, 0, 0)})],
      clocksource="kvm-clock", available="kvm-clock hyperv_clocksource_tsc_page tsc", dmi={"sys_vendor": "QEMU", "product_name": "Standard PC (Q35 + ICH9, 2009)"}, files=CGROUP_V2_HOST,
      expected={"cgroup_version": 2},
      provenance="- QEMU/KVM with Hyper-V enlightenments (`hv-*` CPU flags, docs/system/i386/hyperv.rst in QEMU): KVM answers \"Linux KVM Hv\" at 0x40000000 with Hyper-V's feature leaves (Hyper-V TLFS) and its own \"KVMKVMKVM\" block at 0x40000100 (Documentation/virt/kvm/x86/cpuid.rst).\n" + PMU_DOCS)
# Documentation/ABI/stable/sysfs-class-infiniband: the PMA port counters every HCA has under
# ports/<n>/counters (port_xmit_data and port_rcv_data are octets divided by 4), and the
# driver's own under ports/<n>/hw_counters (names here: mlx5's, drivers/infiniband/hw/mlx5/counters.c;
# lifespan is the statistics cache's lifetime in ms, not a counter). Values are examples.
IB_PORT_COUNTERS = ["VL15_dropped", "excessive_buffer_overrun_errors", "link_downed", "link_error_recovery",
                    "local_link_integrity_errors", "multicast_rcv_packets", "multicast_xmit_packets",
                    "port_rcv_constraint_errors", "port_rcv_data", "port_rcv_errors", "port_rcv_packets",
                    "port_rcv_remote_physical_errors", "port_rcv_switch_relay_errors", "port_xmit_constraint_errors",
                    "port_xmit_data", "port_xmit_discards", "port_xmit_packets", "port_xmit_wait", "symbol_error",
                    "unicast_rcv_packets", "unicast_xmit_packets"]
IB_EXAMPLE = {"port_xmit_data": 2500000000, "port_rcv_data": 1750000000, "port_xmit_packets": 41000000,
              "port_rcv_packets": 29000000, "unicast_xmit_packets": 40990000, "unicast_rcv_packets": 28990000,
              "multicast_xmit_packets": 10000, "multicast_rcv_packets": 10000, "port_xmit_wait": 1234}
MLX5_HW_COUNTERS = {"duplicate_request": 0, "implied_nak_seq_err": 0, "local_ack_timeout_err": 2, "out_of_buffer": 0,
                    "out_of_sequence": 3, "packet_seq_err": 0, "rnr_nak_retry_err": 0, "rx_read_requests": 512,
                    "rx_write_requests": 4096}
MLX5_ROCE_HW_COUNTERS = {**MLX5_HW_COUNTERS, "np_cnp_sent": 17, "np_ecn_marked_roce_packets": 17, "rp_cnp_handled": 9}
def ib_port(device, port, link_layer, rate, hw_counters, scale=1):
    base = f"/sys/class/infiniband/{device}/ports/{port}"
    files = {f"{base}/counters/{name}": f"{IB_EXAMPLE.get(name, 0) * scale}\n" for name in IB_PORT_COUNTERS}
    files.update({f"{base}/hw_counters/{name}": f"{value}\n" for name, value in hw_counters.items()})
    files[f"{base}/hw_counters/lifespan"] = "10\n"
    files[f"{base}/link_layer"] = link_layer + "\n"
    files[f"{base}/state"] = "4: ACTIVE\n"
    files[f"{base}/rate"] = rate + "\n"
    return files
entry("bare-metal-intel-infiniband", modules={"kvm_intel": {"nested": "Y"}, "kvm": {"enable_pmu": "Y"}}, extra_flags=["vmx"],
      leaf_a=ARCH_PERFMON_V5, event_sources=("cpu", "software", "tracepoint", "breakpoint"), probes=OK, pci=[(0x15b3, 0x101b), (0x15b3, 0x101d)],
      files={**CGROUP_V2_HOST, **ib_port("mlx5_0", 1, "InfiniBand", "200 Gb/sec (4X HDR)", MLX5_HW_COUNTERS),
             **ib_port("mlx5_1", 1, "Ethernet", "100 Gb/sec (4X EDR)", MLX5_ROCE_HW_COUNTERS, scale=2)},
      expected={"pmu_available": True, "pmu_reason": "available", "cgroup_version": 2},
      provenance="- Built from the kernel's documented sysfs layout, Documentation/ABI/stable/sysfs-class-infiniband: /sys/class/infiniband/<device>/ports/<port>/counters/* (the PMA port counters; port_xmit_data and port_rcv_data are \"octets, divided by 4\") and ports/<port>/hw_counters/* (driver counters; lifespan is the cache lifetime in ms). No measurements: every counter value is an example.\n- Two ConnectX HCAs (PCI vendor 0x15b3, Mellanox/NVIDIA): mlx5_0 port 1 on an InfiniBand fabric (link_layer InfiniBand), mlx5_1 port 1 RoCE (link_layer Ethernet) with mlx5's congestion counters (np_cnp_sent, rp_cnp_handled; drivers/infiniband/hw/mlx5/counters.c).\n- Otherwise the bare-metal Intel server of bare-metal-intel (CPUID.1:ECX[31] clear, architectural perfmon version 5).\n" + CG2)
print("built entries written under", os.path.normpath(ROOT))
