/* dump-coding.c — a coding and the core's figures on it, as JSON, for the
 * NLTK comparison (check-nltk.py)
 *
 *   dump-coding --tsv FILE             triples "coder<TAB>item<TAB>category",
 *                                      every coder coding every item
 *   dump-coding [--label L] PROJECT…   the tokens of annotators' versions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <collate.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static void
print_figure (GString *out,
              double   x)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (x))
    g_string_append (out, "null");
  else
    g_string_append (out, g_ascii_dtostr (buffer, sizeof buffer, x));
}

static void
print_string (GString    *out,
              const char *text)
{
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), text);
  g_autofree char *quoted = json_to_string (node, FALSE);

  g_string_append (out, quoted);
}

static void
dump (CollateCoding *coding)
{
  guint n = collate_coding_get_n_coders (coding);
  guint items = collate_coding_get_n_items (coding);
  g_autoptr(GString) out = g_string_new ("{\"items\": [");

  for (guint i = 0; i < items; i++)
    {
      g_string_append (out, i ? ",\n[" : "\n[");
      for (guint c = 0; c < n; c++)
        {
          if (c)
            g_string_append_c (out, ',');
          print_string (out, collate_coding_get_category (coding, i, c));
        }
      g_string_append_c (out, ']');
    }
  g_string_append (out, "],\n\"cohen\": [");
  for (guint a = 0; a < n; a++)
    for (guint b = a + 1; b < n; b++)
      {
        g_string_append_printf (out, "%s[%u, %u, ", a + b > 1 ? ", " : "", a, b);
        print_figure (out, collate_coding_cohen_kappa (coding, a, b));
        g_string_append_c (out, ']');
      }
  g_string_append (out, "],\n\"fleiss\": ");
  print_figure (out, collate_coding_fleiss_kappa (coding));
  g_string_append (out, ",\n\"alpha\": ");
  print_figure (out, collate_coding_alpha_nominal (coding));
  g_string_append (out, "}\n");
  fputs (out->str, stdout);
}

static CollateCoding *
read_tsv (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) coders = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  CollateCoding *coding;

  if (!g_file_get_contents (path, &contents, NULL, &error))
    g_error ("%s", error->message);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], "\t", 3);
      gboolean seen = FALSE;

      if (lines[i][0] == '\0')
        continue;
      g_assert_cmpuint (g_strv_length (f), ==, 3);
      for (guint k = 0; k < coders->len; k++)
        seen |= g_str_equal (g_ptr_array_index (coders, k), f[0]);
      if (!seen)
        g_ptr_array_add (coders, g_strdup (f[0]));
      {
        char *item_key = g_strdup_printf ("%s\t", f[1]);

        if (g_hash_table_contains (values, item_key))
          g_free (item_key);
        else
          {
            g_hash_table_insert (values, item_key, g_strdup (""));
            g_ptr_array_add (items, g_strdup (f[1]));
          }
      }
      g_hash_table_insert (values, g_strdup_printf ("%s\t%s", f[1], f[0]), g_strdup (f[2]));
    }

  coding = collate_coding_new (coders->len);
  for (guint i = 0; i < items->len; i++)
    {
      g_autofree const char **row = g_new0 (const char *, coders->len);

      for (guint c = 0; c < coders->len; c++)
        {
          g_autofree char *key = g_strdup_printf ("%s\t%s", (char *) g_ptr_array_index (items, i),
                                                  (char *) g_ptr_array_index (coders, c));

          row[c] = g_hash_table_lookup (values, key);
          g_assert_nonnull (row[c]);
        }
      collate_coding_add_item (coding, row);
    }
  return coding;
}

int
main (int    argc,
      char **argv)
{
  if (argc == 3 && g_str_equal (argv[1], "--tsv"))
    {
      g_autoptr(CollateCoding) coding = read_tsv (argv[2]);

      dump (coding);
      return 0;
    }
  else
    {
      const char *label = NULL;
      int first = 1;
      g_autoptr(GPtrArray) names = g_ptr_array_new ();
      g_autoptr(GPtrArray) projects = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(CollateAgreement) agreement = NULL;
      g_autoptr(GError) error = NULL;

      if (argc > 2 && g_str_equal (argv[1], "--label"))
        {
          label = argv[2];
          first = 3;
        }
      for (int i = first; i < argc; i++)
        {
          g_autoptr(GFile) file = g_file_new_for_path (argv[i]);
          CollateProject *project = collate_project_load_file (file, NULL, NULL, &error);

          if (project == NULL)
            g_error ("%s", error->message);
          g_ptr_array_add (projects, project);
          g_ptr_array_add (names, argv[i]);
        }
      g_ptr_array_add (names, NULL);
      if (projects->len < 2)
        g_error ("give two projects or more");
      agreement = collate_agreement_new ((const char *const *) names->pdata);
      if (!collate_agreement_add_projects (agreement, (CollateProject **) projects->pdata, &error))
        g_error ("%s", error->message);
      dump (collate_agreement_get_token_coding (agreement, label));
      return 0;
    }
}
