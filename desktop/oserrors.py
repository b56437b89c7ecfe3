"""Chinese words for the operating system's file errors, so no English system text reaches a clerk.

`describe(exc)` gives what went wrong in the clerk's terms (磁盘空间不足, 没有权限…); the callers
add which file and what was being done.
"""

from __future__ import annotations

import errno

_WORDS = {
    errno.ENOENT: "找不到该文件或文件夹",
    errno.ENOTDIR: "路径中的某一级不是文件夹",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.EACCES: "没有访问权限",
    errno.EPERM: "没有操作权限",
    errno.EROFS: "所在位置是只读的",
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "磁盘配额已用完",
    errno.EFBIG: "文件超过了允许的大小",
    errno.ENAMETOOLONG: "文件名或路径过长",
    errno.EBUSY: "文件正被其他程序使用",
    errno.ETXTBSY: "文件正被其他程序使用",
    errno.EEXIST: "文件已存在",
    errno.EIO: "磁盘或网络读写出错",
    errno.EINVAL: "文件名或路径无效",
}


def describe(exc: OSError) -> str:
    """What an OSError means, in Chinese (the system's code when it is not one of the usual)."""
    words = _WORDS.get(exc.errno or -1)
    if words is None and getattr(exc, "winerror", None) in (32, 33):  # sharing / lock violation
        words = "文件正被其他程序使用"
    return words or f"系统错误 {exc.errno}"


def is_disk_full(exc: OSError) -> bool:
    return exc.errno in (errno.ENOSPC, errno.EDQUOT)
