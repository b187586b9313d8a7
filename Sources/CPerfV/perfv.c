/* The C target exists to publish include/perfv.h; the functions it declares
 * are implemented in Swift (Sources/PerfVC) with @c @implementation. */
#include "perfv.h"
