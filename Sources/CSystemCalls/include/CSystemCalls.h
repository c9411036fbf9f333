#ifndef DUCHA_CSYSTEMCALLS_H
#define DUCHA_CSYSTEMCALLS_H

/// Linux system calls that glibc declares only under _GNU_SOURCE, which Swift's Glibc module does not define.

/// `syncfs(2)`: commits every write of the file system that holds `fd`.
int ducha_syncfs(int fd);

#endif
