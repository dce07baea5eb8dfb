#ifndef COSTREPORT_ATOMIC_RENAME_H
#define COSTREPORT_ATOMIC_RENAME_H

/// Atomically swaps two paths: Linux renameat2(RENAME_EXCHANGE), macOS renamex_np(RENAME_SWAP).
/// Returns 0 on success, -1 with errno set on failure (ENOSYS, EINVAL or ENOTSUP where the kernel
/// or the file system lacks it).
int costreport_exchange_paths(const char *from, const char *to);

#endif
