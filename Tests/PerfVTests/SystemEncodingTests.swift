import Foundation
import Testing
@testable import PerfV
import SystemReport

@Suite("System: JSON encoding")
struct SystemEncodingTests {
    struct Sample: Codable, Equatable {
        @AlwaysEncoded var reason: String?
        var plain: String?
    }

    @Test("a nil @AlwaysEncoded value keeps its key as null; a plain optional drops it")
    func nilKeepsKey() throws {
        let data = try SystemInfo.makeJSONEncoder(prettyPrinted: false).encode(Sample(reason: nil, plain: nil))
        #expect(String(decoding: data, as: UTF8.self) == #"{"reason":null}"#)
    }

    @Test("null and a missing key both decode as nil")
    func decodesNilOrMissing() throws {
        let decoder = SystemInfo.makeJSONDecoder()
        #expect(try decoder.decode(Sample.self, from: Data(#"{"reason":null}"#.utf8)) == Sample(reason: nil, plain: nil))
        #expect(try decoder.decode(Sample.self, from: Data("{}".utf8)) == Sample(reason: nil, plain: nil))
        #expect(try decoder.decode(Sample.self, from: Data(#"{"reason":"x"}"#.utf8)) == Sample(reason: "x", plain: nil))
    }

    @Test("keys are snake_case with acronyms kept whole, and decode back")
    func acronymKeys() throws {
        let topology = CPUTopology(logicalCPUCount: 4, cores: 2, sockets: 1, source: .sysfs)
        let data = try SystemInfo.makeJSONEncoder(prettyPrinted: false).encode(topology)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""logical_cpu_count":4"#))
        #expect(text.contains(#""source":"/sys/devices/system/cpu/*/topology""#))
        #expect(try SystemInfo.makeJSONDecoder().decode(CPUTopology.self, from: data) == topology)
    }

    @Test("a KVM capability encodes whether it is supported")
    func capability() throws {
        let data = try SystemInfo.makeJSONEncoder(prettyPrinted: false)
            .encode(KVMCapabilityStatus(name: "KVM_CAP_X86_MSR_FILTER", number: 189, value: 0))
        #expect(String(decoding: data, as: UTF8.self)
            == #"{"name":"KVM_CAP_X86_MSR_FILTER","number":189,"supported":false,"value":0}"#)
    }
}
