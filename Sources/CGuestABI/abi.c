#include "perfv_guest_abi.h"
