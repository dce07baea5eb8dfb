#define _GNU_SOURCE
#include "atomic_rename.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#if defined(__APPLE__)

/* macOS 10.12 and later: renamex_np(RENAME_SWAP) swaps two paths in one step (APFS, HFS+). */
int costreport_exchange_paths(const char *from, const char *to) {
    return renamex_np(from, to, RENAME_SWAP);
}

#else

#include <sys/syscall.h>
#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

/* Linux 3.15 and later: renameat2(RENAME_EXCHANGE); ENOSYS or EINVAL where the kernel or the
   file system lacks it (the caller then falls back to two renames). */
int costreport_exchange_paths(const char *from, const char *to) {
#ifdef SYS_renameat2
    return (int)syscall(SYS_renameat2, AT_FDCWD, from, AT_FDCWD, to, RENAME_EXCHANGE);
#else
    errno = ENOSYS;
    return -1;
#endif
}

#endif
