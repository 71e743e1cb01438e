/* gloss-file-locks.c: SQLite's file locks that survive a close()
 *
 * SQLite's unix VFS locks the project and its -shm with POSIX advisory
 * locks. Those belong to the process and the inode: any close() of any
 * descriptor of the file anywhere in the process (GTK's file chooser
 * sniffing a content type, GIO's query_info, a thumbnailer, our own
 * hashing) silently drops every lock SQLite holds on it. The next program
 * that opens and closes the project then believes it is the last user,
 * checkpoints and deletes the WAL, and Gloss goes on writing into a deleted
 * file: every later edit is lost ("How To Corrupt An SQLite Database File",
 * §2.2).
 *
 * Linux's open-file-description (OFD) locks belong to an open file
 * description instead, and only closing the last descriptor of that
 * description releases them. The VFS lets a program replace its "fcntl"
 * and "close" system calls, and this file does, for lock requests only:
 *
 * - Every lock request on a file goes through ONE description of that file
 *   per process, which this file opens and owns. The unix VFS keeps one lock
 *   state per file per process, counted across its connections, and takes
 *   and releases it through whichever connection's descriptor happens to
 *   ask; with one description per file, OFD locks behave exactly as the
 *   VFS expects of POSIX locks (one owner: the process), except that no
 *   unrelated close() can drop them.
 * - That description is closed when SQLite closes the last descriptor it had
 *   on the file (SQLite holds a descriptor back while any lock on the file
 *   is held, so nothing is held by then).
 * - OFD and POSIX locks of different owners conflict as they should, so
 *   programs that lock with plain POSIX calls (the sqlite3 shell, Python,
 *   an older gloss-cli) still exclude Gloss, and Gloss them.
 * - Where the kernel refuses OFD locks (before Linux 3.15), the first
 *   request says so and every request from then on is the plain POSIX one.
 * - A forked child does not inherit the parent's tables: it starts afresh
 *   at its first request (the descriptions it inherited are closed there,
 *   which leaves the parent's locks alone); the mutex is held across
 *   fork() so that the child never inherits it locked.
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "gloss-file-locks-private.h"

#ifndef F_OFD_GETLK
# define F_OFD_GETLK  36
# define F_OFD_SETLK  37
# define F_OFD_SETLKW 38
#endif

typedef int (*FcntlFunc) (int, int, ...);
typedef int (*CloseFunc) (int);

typedef struct
{
  dev_t dev;
  ino_t ino;
  int   fd;     /* the description every lock on the file goes through, owned */
  guint users;  /* SQLite's descriptors of the file that locked through it */
} LockedFile;

static GMutex      locks_mutex;
static GHashTable *by_fd;       /* GINT_TO_POINTER (SQLite's fd) -> LockedFile (borrowed) */
static GHashTable *by_inode;    /* LockedFile (dev, ino) -> itself, owned */
static volatile gint forked;    /* a fork() happened since the tables were made */
static FcntlFunc   real_fcntl;
static CloseFunc   real_close;
static gint        locks_mode = GLOSS_FILE_LOCKS_UNKNOWN;

static guint
inode_hash (gconstpointer key)
{
  const LockedFile *lf = key;

  return (guint) lf->ino ^ ((guint) lf->dev << 7);
}

static gboolean
inode_equal (gconstpointer a,
             gconstpointer b)
{
  const LockedFile *x = a, *y = b;

  return x->ino == y->ino && x->dev == y->dev;
}

static void
locked_file_free (gpointer data)
{
  g_free (data);
}

/* fork() handlers: the mutex is held across the fork, so that the child
 * never inherits it locked by a thread it does not have; the child only
 * notes the fork (the tables are dropped at its first use of them). */
static void
before_fork_cb (void)
{
  g_mutex_lock (&locks_mutex);
}

static void
after_fork_parent_cb (void)
{
  g_mutex_unlock (&locks_mutex);
}

static void
after_fork_child_cb (void)
{
  forked = 1;
  g_mutex_unlock (&locks_mutex);
}

/* After a fork(), the tables are the parent's: drop them and close the
 * inherited descriptions (the parent keeps its own, and its locks). Called
 * with the mutex held. */
static void
forget_parent (void)
{
  GHashTableIter iter;
  gpointer key;

  if (!forked)
    return;
  g_hash_table_iter_init (&iter, by_inode);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    real_close (((LockedFile *) key)->fd);
  g_hash_table_remove_all (by_fd);
  g_hash_table_remove_all (by_inode);
  forked = 0;
}

/* A description of the same file as @fd, open for writing where possible
 * (a write lock needs one; the unix VFS may open a file read-only first
 * and read-write later). */
static int
open_description (int fd)
{
  int flags = real_fcntl (fd, F_GETFL);

  if (flags < 0 || (flags & O_ACCMODE) != O_RDWR)
    {
      char proc[64];
      int copy;

      g_snprintf (proc, sizeof proc, "/proc/self/fd/%d", fd);
      copy = open (proc, O_RDWR | O_CLOEXEC | O_NOCTTY);
      if (copy >= 0)
        return copy;
    }
  return real_fcntl (fd, F_DUPFD_CLOEXEC, 0);
}

/* The description @fd locks through; NULL (errno set) when none can be
 * opened. Called with the mutex held. */
static LockedFile *
lookup (int fd)
{
  LockedFile *lf = g_hash_table_lookup (by_fd, GINT_TO_POINTER (fd));
  LockedFile key = { 0 };
  struct stat st;

  if (lf != NULL)
    return lf;
  if (fstat (fd, &st) != 0)
    return NULL;
  key.dev = st.st_dev;
  key.ino = st.st_ino;
  lf = g_hash_table_lookup (by_inode, &key);
  if (lf == NULL)
    {
      int copy = open_description (fd);

      if (copy < 0)
        return NULL;
      lf = g_new0 (LockedFile, 1);
      lf->dev = st.st_dev;
      lf->ino = st.st_ino;
      lf->fd = copy;
      g_hash_table_add (by_inode, lf);
    }
  lf->users++;
  g_hash_table_insert (by_fd, GINT_TO_POINTER (fd), lf);
  return lf;
}

static int
ofd_lock (int           fd,
          int           cmd,
          struct flock *request)
{
  struct flock ofd = *request;
  LockedFile *lf;
  int target, rc;

  g_mutex_lock (&locks_mutex);
  forget_parent ();
  lf = lookup (fd);
  target = lf ? lf->fd : -1;
  g_mutex_unlock (&locks_mutex);
  /* SQLite never closes a descriptor while it locks through it, so the
   * description stays open without the mutex (F_SETLKW may block). */
  if (target < 0)
    return -1;

  ofd.l_pid = 0;
  rc = real_fcntl (target, cmd == F_GETLK ? F_OFD_GETLK
                           : cmd == F_SETLK ? F_OFD_SETLK : F_OFD_SETLKW, &ofd);
  if (rc < 0 && errno == EINVAL &&
      g_atomic_int_compare_and_exchange (&locks_mode, GLOSS_FILE_LOCKS_UNKNOWN,
                                         GLOSS_FILE_LOCKS_POSIX))
    {
      g_debug ("The kernel refuses open-file-description locks; using POSIX locks");
      return real_fcntl (fd, cmd, request);
    }
  if (rc == 0)
    {
      g_atomic_int_compare_and_exchange (&locks_mode, GLOSS_FILE_LOCKS_UNKNOWN,
                                         GLOSS_FILE_LOCKS_OFD);
      if (cmd == F_GETLK)
        {
          request->l_type = ofd.l_type;
          request->l_whence = ofd.l_whence;
          request->l_start = ofd.l_start;
          request->l_len = ofd.l_len;
          request->l_pid = ofd.l_pid;
        }
    }
  return rc;
}

/* The unix VFS's "fcntl": lock requests through the file's description,
 * everything else as it was. */
static int
locking_fcntl (int fd,
               int cmd,
               ...)
{
  va_list ap;
  void *arg;

  va_start (ap, cmd);
  arg = va_arg (ap, void *);
  va_end (ap);

  if ((cmd != F_SETLK && cmd != F_SETLKW && cmd != F_GETLK) ||
      g_atomic_int_get (&locks_mode) == GLOSS_FILE_LOCKS_POSIX)
    return real_fcntl (fd, cmd, arg);
  return ofd_lock (fd, cmd, arg);
}

/* The unix VFS's "close": forgets the descriptor, and the file's
 * description with its last one. */
static int
locking_close (int fd)
{
  LockedFile *lf;
  int description = -1;

  g_mutex_lock (&locks_mutex);
  forget_parent ();
  lf = g_hash_table_lookup (by_fd, GINT_TO_POINTER (fd));
  if (lf != NULL)
    {
      g_hash_table_remove (by_fd, GINT_TO_POINTER (fd));
      if (--lf->users == 0)
        {
          description = lf->fd;
          g_hash_table_remove (by_inode, lf);
        }
    }
  g_mutex_unlock (&locks_mutex);
  if (description >= 0)
    real_close (description);
  return real_close (fd);
}

void
_gloss_file_locks_install (void)
{
  static gsize installed = 0;

  if (g_once_init_enter (&installed))
    {
      sqlite3_vfs *vfs = sqlite3_vfs_find ("unix");
      gboolean hooked = FALSE;

      by_fd = g_hash_table_new (NULL, NULL);
      by_inode = g_hash_table_new_full (inode_hash, inode_equal, locked_file_free, NULL);
      pthread_atfork (before_fork_cb, after_fork_parent_cb, after_fork_child_cb);
      if (vfs != NULL && vfs->iVersion >= 3 && vfs->xSetSystemCall != NULL)
        {
          real_fcntl = (FcntlFunc) vfs->xGetSystemCall (vfs, "fcntl");
          real_close = (CloseFunc) vfs->xGetSystemCall (vfs, "close");
          hooked = real_fcntl != NULL && real_close != NULL &&
                   vfs->xSetSystemCall (vfs, "close",
                                        (sqlite3_syscall_ptr) locking_close) == SQLITE_OK &&
                   vfs->xSetSystemCall (vfs, "fcntl",
                                        (sqlite3_syscall_ptr) locking_fcntl) == SQLITE_OK;
        }
      if (!hooked)
        {
          g_warning ("SQLite's unix VFS cannot be given lasting locks; "
                     "another program may delete the project's journal");
          g_atomic_int_set (&locks_mode, GLOSS_FILE_LOCKS_POSIX);
        }
      g_once_init_leave (&installed, 1);
    }
}

GlossFileLocksMode
_gloss_file_locks_mode (void)
{
  return g_atomic_int_get (&locks_mode);
}
