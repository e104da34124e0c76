/* collate-test-cli.h — what the CLI tests share: running the built collate-cli, a folder of their own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdarg.h>
#include <sys/wait.h>

#include <glib.h>

#ifndef COLLATE_CLI_PATH
#error "COLLATE_CLI_PATH must name the built collate-cli"
#endif

typedef struct
{
  int   status;   /* exit status */
  char *out;      /* stdout */
  char *err;      /* stderr */
} Run;

static inline void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs collate-cli with @args (NULL-terminated), its messages in English
 * and its output in UTF-8 whatever the machine's locale; asserts that it
 * exited (did not crash) and keeps in @run what it printed, in place of
 * what @run held before */
static inline void
run_cliv (Run               *run,
          const char *const *args)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  run_clear (run);
  g_strv_builder_add (builder, COLLATE_CLI_PATH);
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_unsetenv (envp, "LANGUAGE");

  g_spawn_sync (NULL, argv, envp, G_SPAWN_DEFAULT,
                NULL, NULL, &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);

  g_test_message ("collate-cli %s -> %d\nstdout: %s\nstderr: %s",
                  argv[1] != NULL ? argv[1] : "",
                  WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1,
                  run->out, run->err);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

/* The same with the arguments in the call, ending with NULL */
static inline void run_cli (Run *run, ...) G_GNUC_NULL_TERMINATED;

static inline void
run_cli (Run *run,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  va_start (ap, run);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  run_cliv (run, (const char *const *) args->pdata);
}

/* A new folder of the test's own under the temporary folder */
static inline char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("collate-cli-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}
