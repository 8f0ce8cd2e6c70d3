/*
 * A stand-in for Windows' bcryptprimitives.dll, for running wolkwijzer's .exe under Wine 8
 * only. Rust's standard library imports ProcessPrng from bcryptprimitives.dll (Windows 10 and
 * later have it); Wine 8 does not ship that DLL, so the .exe would not start. This shim
 * implements ProcessPrng with RtlGenRandom (SystemFunction036 in advapi32), which Wine has.
 * It is never shipped: real Windows has the DLL. Built by tests/windows_smoke.rs with
 *   x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll bcryptprimitives.c bcryptprimitives.def -ladvapi32
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
