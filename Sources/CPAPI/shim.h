#pragma once
#include <papi.h>

/* PAPI_VER_CURRENT is a macro expression Swift cannot import. */
static const int perfv_papi_ver_current = PAPI_VER_CURRENT;
static const int perfv_papi_null = PAPI_NULL;
