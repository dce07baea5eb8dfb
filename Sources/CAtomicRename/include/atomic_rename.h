#ifndef COSTREPORT_ATOMIC_RENAME_H
#define COSTREPORT_ATOMIC_RENAME_H

/// Atomically swaps two paths (Linux renameat2 with RENAME_EXCHANGE). Returns 0 on success,
/// -1 with errno set on failure (ENOSYS/EINVAL where the kernel or file system lacks it).
int costreport_exchange_paths(const char *from, const char *to);

#endif
