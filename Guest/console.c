/* Serial console: formatted output to COM1, one OUT (one exit) per byte. */
#include <stdarg.h>
#include "runtime.h"

/* One writer at a time, so lines from different vCPUs stay whole. */
static volatile uint32_t console_lock;

static void put_char(char c) { perfv_out8(PERFV_PORT_SERIAL, (uint8_t)c); }

static void put_string(const char *s) {
    if (s == NULL) s = "(null)";
    while (*s) put_char(*s++);
}

static void put_unsigned(uint64_t value, unsigned base) {
    char digits[20];
    unsigned count = 0;
    do {
        unsigned digit = (unsigned)(value % base);
        digits[count++] = (char)(digit < 10 ? '0' + digit : 'a' + digit - 10);
        value /= base;
    } while (value != 0);
    while (count > 0) put_char(digits[--count]);
}

void perfv_print(const char *format, ...) {
    while (__atomic_exchange_n(&console_lock, 1u, __ATOMIC_ACQUIRE) != 0) perfv_cpu_relax();
    va_list arguments;
    va_start(arguments, format);
    for (const char *p = format; *p; p++) {
        if (*p != '%') {
            put_char(*p);
            continue;
        }
        bool is_long = false;
        if (p[1] == 'l') {
            is_long = true;
            p++;
        }
        switch (*++p) {
        case 's': put_string(va_arg(arguments, const char *)); break;
        case 'c': put_char((char)va_arg(arguments, int)); break;
        case 'u':
            put_unsigned(is_long ? va_arg(arguments, unsigned long) : va_arg(arguments, unsigned), 10);
            break;
        case 'x':
            put_unsigned(is_long ? va_arg(arguments, unsigned long) : va_arg(arguments, unsigned), 16);
            break;
        case '%': put_char('%'); break;
        case '\0': p--; break; /* a lone '%' at the end: stop at the terminator */
        default: put_char('%'); put_char(*p); break;
        }
    }
    va_end(arguments);
    __atomic_store_n(&console_lock, 0u, __ATOMIC_RELEASE);
}
