/* collate-agreement-dialog.c — how far the open project's annotators agree, as a table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "collate-agreement-dialog.h"

/* ── Computing (off the main thread) ────────────────────────────────── */

/* What the thread reads: immutable objects only, taken on the main thread */
typedef struct
{
  GStrv      annotators;
  GPtrArray *documents;   /* CollateDocument */
  GPtrArray *spans;       /* CollateAnnotation */
  GPtrArray *links;       /* CollateLink */
  GPtrArray *labels;      /* char*: the schema's span labels */
  GPtrArray *link_labels; /* char*: the schema's link labels */
  gboolean   merged;      /* spans without "annotators" are not counted */
} Snapshot;

static void
snapshot_free (Snapshot *snapshot)
{
  g_strfreev (snapshot->annotators);
  g_ptr_array_unref (snapshot->documents);
  g_ptr_array_unref (snapshot->spans);
  g_ptr_array_unref (snapshot->links);
  g_ptr_array_unref (snapshot->labels);
  g_ptr_array_unref (snapshot->link_labels);
  g_free (snapshot);
}

static void
row_free (CollateAgreementRow *row)
{
  g_free (row->label);
  g_free (row);
}

static void
link_row_free (CollateAgreementLinkRow *row)
{
  g_free (row->label);
  g_free (row);
}

/* What the thread gives back */
typedef struct
{
  GPtrArray *rows;        /* CollateAgreementRow */
  GPtrArray *link_rows;   /* CollateAgreementLinkRow */
} Figures;

static void
figures_free (Figures *figures)
{
  g_clear_pointer (&figures->rows, g_ptr_array_unref);
  g_clear_pointer (&figures->link_rows, g_ptr_array_unref);
  g_free (figures);
}

/* Each annotator's links into that annotator's project, where both ends
 * are that annotator's spans */
static gboolean
add_links (Snapshot  *snapshot,
           GPtrArray *projects,
           GError   **error)
{
  guint n = g_strv_length (snapshot->annotators);

  for (guint i = 0; i < snapshot->links->len; i++)
    {
      CollateLink *link = g_ptr_array_index (snapshot->links, i);
      g_auto(GStrv) who = NULL;

      if (snapshot->merged && collate_link_get_attribute (link, COLLATE_ANNOTATORS_ATTRIBUTE) == NULL)
        continue;
      who = collate_link_dup_annotators (link);
      for (guint a = 0; a < n; a++)
        {
          CollateProject *project = g_ptr_array_index (projects, a);

          if (!g_strv_contains ((const char *const *) who, snapshot->annotators[a])
              || collate_project_lookup_annotation (project, collate_link_get_from (link)) == NULL
              || collate_project_lookup_annotation (project, collate_link_get_to (link)) == NULL)
            continue;
          if (!collate_project_insert_link (project, link, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* Per pair of annotators, every label then each, all, within, across */
static GPtrArray *
link_rows_of (CollateAgreement *agreement,
              guint             n)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) link_row_free);
  const char *const *labels = collate_agreement_get_link_labels (agreement);
  const CollateLinkScope scopes[] = { COLLATE_LINK_SCOPE_ALL, COLLATE_LINK_SCOPE_WITHIN, COLLATE_LINK_SCOPE_ACROSS };

  if (labels[0] == NULL)
    return rows;
  for (guint a = 0; a < n; a++)
    for (guint b = a + 1; b < n; b++)
      for (gint l = -1; l < 0 || labels[l] != NULL; l++)
        for (guint s = 0; s < G_N_ELEMENTS (scopes); s++)
          {
            CollateAgreementLinkRow *row = g_new0 (CollateAgreementLinkRow, 1);
            CollateMatchCounts counts;

            row->label = l < 0 ? NULL : g_strdup (labels[l]);
            row->a = a;
            row->b = b;
            row->scope = scopes[s];
            collate_agreement_get_link_counts (agreement, a, b, row->label, scopes[s], &counts);
            row->in_a = counts.in_a;
            row->in_b = counts.in_b;
            row->matched = counts.exact;
            collate_match_counts_exact (&counts, &row->precision, &row->recall, &row->f1);
            g_ptr_array_add (rows, row);
          }
  return rows;
}

static double
mean (double sum,
      guint  n)
{
  return n > 0 ? sum / n : NAN;
}

static void
compute_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  Snapshot *snapshot = data;
  guint n = g_strv_length (snapshot->annotators);
  g_autoptr(GPtrArray) projects = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CollateAgreement) agreement = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  CollateUnitizing *unitizing;

  /* one project per annotator: the same documents, that annotator's spans */
  for (guint a = 0; a < n; a++)
    {
      g_autoptr(CollateSchema) schema = collate_schema_new ();
      CollateProject *project;

      for (guint l = 0; l < snapshot->labels->len; l++)
        collate_schema_ensure (schema, COLLATE_LABEL_KIND_SPAN, g_ptr_array_index (snapshot->labels, l));
      for (guint l = 0; l < snapshot->link_labels->len; l++)
        collate_schema_ensure (schema, COLLATE_LABEL_KIND_LINK, g_ptr_array_index (snapshot->link_labels, l));
      project = collate_project_new (snapshot->annotators[a], schema);
      g_ptr_array_add (projects, project);
      for (guint d = 0; d < snapshot->documents->len; d++)
        if (!collate_project_add_document (project, g_ptr_array_index (snapshot->documents, d), &error))
          {
            g_task_return_error (task, g_steal_pointer (&error));
            return;
          }
    }
  for (guint i = 0; i < snapshot->spans->len; i++)
    {
      CollateAnnotation *span = g_ptr_array_index (snapshot->spans, i);
      g_auto(GStrv) who = NULL;

      if (snapshot->merged && collate_annotation_get_attribute (span, COLLATE_ANNOTATORS_ATTRIBUTE) == NULL)
        continue;
      who = collate_annotation_dup_annotators (span);
      for (guint a = 0; a < n; a++)
        {
          if (!g_strv_contains ((const char *const *) who, snapshot->annotators[a]))
            continue;
          /* the same span in each annotator's project: ids stay unique there */
          if (!collate_project_insert_annotation (g_ptr_array_index (projects, a), span, &error))
            {
              g_task_return_error (task, g_steal_pointer (&error));
              return;
            }
        }
      if (g_cancellable_is_cancelled (cancellable))
        break;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  if (!add_links (snapshot, projects, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  agreement = collate_agreement_new ((const char *const *) snapshot->annotators);
  {
    g_autofree CollateProject **array = g_new0 (CollateProject *, projects->len + 1);

    memcpy (array, projects->pdata, projects->len * sizeof (CollateProject *));
    if (!collate_agreement_add_projects (agreement, array, &error))
      {
        g_task_return_error (task, g_steal_pointer (&error));
        return;
      }
  }

  for (const char *const *l = collate_agreement_get_span_labels (agreement); *l != NULL; l++)
    g_ptr_array_add (labels, (gpointer) *l);
  g_ptr_array_add (labels, NULL);   /* every label */
  unitizing = collate_agreement_get_unitizing (agreement);

  for (guint l = 0; l < labels->len; l++)
    {
      const char *label = g_ptr_array_index (labels, l);
      CollateAgreementRow *row = g_new0 (CollateAgreementRow, 1);
      CollateCoding *coding = collate_agreement_get_token_coding (agreement, label);
      double exact = 0, overlap = 0;
      guint n_exact = 0, n_overlap = 0;

      row->label = g_strdup (label);
      for (guint a = 0; a < n; a++)
        for (guint b = a + 1; b < n; b++)
          {
            CollateMatchCounts counts;
            double p, r, f;

            collate_agreement_get_span_counts (agreement, a, b, label, &counts);
            collate_match_counts_exact (&counts, &p, &r, &f);
            if (!isnan (f))
              exact += f, n_exact++;
            collate_match_counts_overlap (&counts, &p, &r, &f);
            if (!isnan (f))
              overlap += f, n_overlap++;
          }
      for (guint a = 0; a < n; a++)
        {
          GListModel *spans = collate_project_get_annotations (g_ptr_array_index (projects, a));

          for (guint i = 0; i < g_list_model_get_n_items (spans); i++)
            {
              g_autoptr(CollateAnnotation) span = g_list_model_get_item (spans, i);

              row->spans += label == NULL || g_str_equal (collate_annotation_get_label (span), label);
            }
        }
      row->f1_exact = mean (exact, n_exact);
      row->f1_overlap = mean (overlap, n_overlap);
      row->kappa = n == 2 ? collate_coding_cohen_kappa (coding, 0, 1) : collate_coding_fleiss_kappa (coding);
      row->alpha = collate_coding_alpha_nominal (coding);
      row->alpha_u = collate_unitizing_alpha (unitizing, label, NULL, NULL);
      g_ptr_array_add (rows, row);
    }
  {
    Figures *figures = g_new0 (Figures, 1);

    figures->rows = g_steal_pointer (&rows);
    figures->link_rows = link_rows_of (agreement, n);
    g_task_return_pointer (task, figures, (GDestroyNotify) figures_free);
  }
}

void
collate_agreement_compute_async (CollateProject      *project,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Snapshot *snapshot;
  GListModel *list;
  CollateSchema *schema;
  guint n;

  g_return_if_fail (COLLATE_IS_PROJECT (project));

  task = g_task_new (project, cancellable, callback, user_data);
  g_task_set_source_tag (task, collate_agreement_compute_async);

  snapshot = g_new0 (Snapshot, 1);
  snapshot->annotators = collate_project_dup_annotators (project);
  snapshot->documents = g_ptr_array_new_with_free_func (g_object_unref);
  snapshot->spans = g_ptr_array_new_with_free_func (g_object_unref);
  snapshot->labels = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < collate_project_get_n_documents (project); i++)
    g_ptr_array_add (snapshot->documents, g_object_ref (collate_project_get_document (project, i)));
  list = collate_project_get_annotations (project);
  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      CollateAnnotation *span = g_list_model_get_item (list, i);

      snapshot->merged |= collate_annotation_get_attribute (span, COLLATE_ANNOTATORS_ATTRIBUTE) != NULL;
      g_ptr_array_add (snapshot->spans, span);
    }
  snapshot->links = g_ptr_array_new_with_free_func (g_object_unref);
  list = collate_project_get_links (project);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    g_ptr_array_add (snapshot->links, g_list_model_get_item (list, i));
  schema = collate_project_get_schema (project);
  snapshot->link_labels = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < collate_schema_get_n_labels (schema, COLLATE_LABEL_KIND_LINK); i++)
    g_ptr_array_add (snapshot->link_labels,
                     g_strdup (collate_label_get_name (collate_schema_get_label (schema, COLLATE_LABEL_KIND_LINK, i))));
  for (guint i = 0; i < collate_schema_get_n_labels (schema, COLLATE_LABEL_KIND_SPAN); i++)
    g_ptr_array_add (snapshot->labels,
                     g_strdup (collate_label_get_name (collate_schema_get_label (schema, COLLATE_LABEL_KIND_SPAN, i))));

  if (g_strv_length (snapshot->annotators) < 2)
    {
      guint n_annotators = g_strv_length (snapshot->annotators);

      if (n_annotators == 1)
        g_task_return_new_error (task, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                                 /* Translators: %s is the one annotator's name */
                                 _("Every span of this project is by one annotator, %s. Agreement needs "
                                   "two or more: open several annotators’ files with Open for Curation…, "
                                   "or a project merged with collate-cli merge."), snapshot->annotators[0]);
      else
        g_task_return_new_error (task, COLLATE_ERROR, COLLATE_ERROR_INVALID,
                                 _("No span of this project names its annotator. Agreement needs two or "
                                   "more: open several annotators’ files with Open for Curation…, or a "
                                   "project merged with collate-cli merge."));
      snapshot_free (snapshot);
      return;
    }
  g_task_set_task_data (task, snapshot, (GDestroyNotify) snapshot_free);
  g_task_run_in_thread (task, compute_thread);
}

GPtrArray *
collate_agreement_compute_finish_with_links (GAsyncResult  *result,
                                             GPtrArray    **link_rows,
                                             GError       **error)
{
  Figures *figures;
  GPtrArray *rows;

  g_return_val_if_fail (G_IS_TASK (result), NULL);

  figures = g_task_propagate_pointer (G_TASK (result), error);
  if (figures == NULL)
    return NULL;
  rows = g_steal_pointer (&figures->rows);
  if (link_rows != NULL)
    *link_rows = g_steal_pointer (&figures->link_rows);
  figures_free (figures);
  return rows;
}

GPtrArray *
collate_agreement_compute_finish (GAsyncResult *result,
                                  GError      **error)
{
  return collate_agreement_compute_finish_with_links (result, NULL, error);
}

/* ── The dialog ─────────────────────────────────────────────────────── */

typedef struct
{
  GtkWidget    *stack;
  GtkWidget    *grid;
  GtkWidget    *link_heading;
  GtkWidget    *link_grid;
  GStrv         names;       /* the annotators, for the links' pairs */
  GtkWidget    *message;
  GtkWidget    *annotators;
  GCancellable *cancellable;
  gboolean      ready;
} Dialog;

static void
dialog_free (Dialog *d)
{
  g_cancellable_cancel (d->cancellable);
  g_clear_object (&d->cancellable);
  g_strfreev (d->names);
  g_free (d);
}

static char *
figure (double value)
{
  /* an undefined measure (no spans, or no chance of disagreement) */
  if (isnan (value))
    return g_strdup ("—");
  /* no "-0.000" */
  if (fabs (value) < 0.0005)
    value = 0;
  return g_strdup_printf ("%.3f", value);
}

static void
grid_cell (GtkWidget  *grid,
           int         column,
           int         row,
           const char *text,
           gboolean    heading,
           const char *tooltip)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0 : 1);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  else if (column > 0)
    gtk_widget_add_css_class (label, "numeric");
  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (label, tooltip);
  gtk_grid_attach (GTK_GRID (grid), label, column, row, 1, 1);
}

static const char *
scope_name (CollateLinkScope scope)
{
  switch (scope)
    {
    /* Translators: which links a row of the agreement on links counts */
    case COLLATE_LINK_SCOPE_WITHIN: return _("within a document");
    case COLLATE_LINK_SCOPE_ACROSS: return _("across documents");
    case COLLATE_LINK_SCOPE_ALL:
    default:                        return _("all");
    }
}

/* The links' table, as collate-cli agree prints it */
static void
fill_link_grid (Dialog    *d,
                GPtrArray *link_rows)
{
  const char *heads[] = { N_("Link label"), N_("Where"), N_("Annotators"), N_("First’s"), N_("Second’s"),
                          N_("Same"), N_("P"), N_("R"), N_("F1") };
  const char *tips[] = {
    NULL, NULL,
    N_("The second annotator against the first"),
    N_("Links the first annotator made"),
    N_("Links the second annotator made"),
    N_("Links with the same label whose two ends are the same spans (either way round)"),
    N_("Precision: the second’s links that the first made too"),
    N_("Recall: the first’s links that the second made too"),
    N_("F1 of precision and recall"),
  };

  /* two annotators: the heading above names the pair */
  gboolean pairs = g_strv_length (d->names) > 2;
  int c;

  gtk_widget_set_visible (d->link_heading, link_rows->len > 0);
  gtk_widget_set_visible (d->link_grid, link_rows->len > 0);
  if (link_rows->len == 0)
    return;
  c = 0;
  for (guint h = 0; h < G_N_ELEMENTS (heads); h++)
    if (h != 2 || pairs)
      grid_cell (d->link_grid, c++, 0, _(heads[h]), TRUE, tips[h] ? _(tips[h]) : NULL);
  for (guint r = 0; r < link_rows->len; r++)
    {
      CollateAgreementLinkRow *row = g_ptr_array_index (link_rows, r);
      /* Translators: a pair of annotators, the second compared with the first */
      g_autofree char *pair = g_strdup_printf (_("%s – %s"), d->names[row->a], d->names[row->b]);
      g_autofree char *in_a = g_strdup_printf ("%u", row->in_a);
      g_autofree char *in_b = g_strdup_printf ("%u", row->in_b);
      g_autofree char *matched = g_strdup_printf ("%u", row->matched);
      g_autofree char *precision = figure (row->precision);
      g_autofree char *recall = figure (row->recall);
      g_autofree char *f1 = figure (row->f1);
      gboolean every = row->label == NULL;

      /* the label once, on its first row */
      c = 0;
      grid_cell (d->link_grid, c++, r + 1, row->scope != COLLATE_LINK_SCOPE_ALL ? ""
                                           : every ? _("Every label") : row->label, every, NULL);
      grid_cell (d->link_grid, c++, r + 1, scope_name (row->scope), FALSE, NULL);
      if (pairs)
        grid_cell (d->link_grid, c++, r + 1, pair, FALSE, NULL);
      grid_cell (d->link_grid, c++, r + 1, in_a, FALSE, NULL);
      grid_cell (d->link_grid, c++, r + 1, in_b, FALSE, NULL);
      grid_cell (d->link_grid, c++, r + 1, matched, FALSE, NULL);
      grid_cell (d->link_grid, c++, r + 1, precision, FALSE, NULL);
      grid_cell (d->link_grid, c++, r + 1, recall, FALSE, NULL);
      grid_cell (d->link_grid, c++, r + 1, f1, FALSE, NULL);
    }
}

static void
computed_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  GtkWindow *window = data;
  Dialog *d;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) link_rows = NULL;
  g_autoptr(GError) error = NULL;
  guint n_annotators;
  const char *heads[] = { N_("Label"), N_("Spans"), N_("F1 exact"), N_("F1 overlap"), N_("κ"), N_("α"), N_("αu") };
  const char *tips[] = {
    NULL,
    N_("Spans of the label, every annotator’s together"),
    N_("Same document, range and label (mean over pairs of annotators)"),
    N_("Same label, ranges overlapping (mean over pairs of annotators)"),
    N_("Cohen’s kappa (two annotators) or Fleiss’ kappa (more), on tokens"),
    N_("Krippendorff’s alpha, nominal, on tokens"),
    N_("Krippendorff’s unitizing alpha on spans"),
  };

  rows = collate_agreement_compute_finish_with_links (result, &link_rows, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_object_unref (window);
      return;
    }
  d = g_object_get_data (G_OBJECT (window), "collate-agreement");
  if (d == NULL)
    {
      g_object_unref (window);
      return;
    }
  d->ready = TRUE;
  if (rows == NULL)
    {
      gtk_label_set_text (GTK_LABEL (d->message), error->message);
      gtk_stack_set_visible_child_name (GTK_STACK (d->stack), "message");
      g_object_unref (window);
      return;
    }

  for (guint c = 0; c < G_N_ELEMENTS (heads); c++)
    grid_cell (d->grid, c, 0, _(heads[c]), TRUE, tips[c] ? _(tips[c]) : NULL);
  for (guint r = 0; r < rows->len; r++)
    {
      CollateAgreementRow *row = g_ptr_array_index (rows, r);
      g_autofree char *spans = g_strdup_printf ("%u", row->spans);
      g_autofree char *f1e = figure (row->f1_exact);
      g_autofree char *f1o = figure (row->f1_overlap);
      g_autofree char *kappa = figure (row->kappa);
      g_autofree char *alpha = figure (row->alpha);
      g_autofree char *alpha_u = figure (row->alpha_u);

      grid_cell (d->grid, 0, r + 1, row->label ? row->label : _("Every label"), row->label == NULL, NULL);
      grid_cell (d->grid, 1, r + 1, spans, FALSE, NULL);
      grid_cell (d->grid, 2, r + 1, f1e, FALSE, NULL);
      grid_cell (d->grid, 3, r + 1, f1o, FALSE, NULL);
      grid_cell (d->grid, 4, r + 1, kappa, FALSE, NULL);
      grid_cell (d->grid, 5, r + 1, alpha, FALSE, NULL);
      grid_cell (d->grid, 6, r + 1, alpha_u, FALSE, NULL);
    }
  fill_link_grid (d, link_rows);
  n_annotators = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (window), "collate-n-annotators"));
  gtk_widget_set_visible (d->annotators, n_annotators > 0);
  gtk_stack_set_visible_child_name (GTK_STACK (d->stack), "table");
  g_object_unref (window);
}

GtkWindow *
collate_agreement_dialog_new (GtkWindow      *parent,
                              CollateProject *project)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *header = gtk_header_bar_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *table_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *note;
  Dialog *d = g_new0 (Dialog, 1);
  g_auto(GStrv) annotators = collate_project_dup_annotators (project);
  g_autofree char *joined = g_strjoinv (", ", annotators);
  g_autofree char *who = NULL;

  g_return_val_if_fail (COLLATE_IS_PROJECT (project), NULL);

  gtk_window_set_title (GTK_WINDOW (window), _("Agreement"));
  gtk_window_set_titlebar (GTK_WINDOW (window), header);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 760, 520);
  gtk_widget_add_css_class (window, "collate-agreement");

  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);

  /* Translators: the annotators the agreement is between, e.g. "Between alice, bob" */
  who = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Annotator: %s", "Between %s", g_strv_length (annotators)),
                         joined);
  d->annotators = gtk_label_new (who);
  gtk_label_set_xalign (GTK_LABEL (d->annotators), 0);
  gtk_label_set_wrap (GTK_LABEL (d->annotators), TRUE);
  gtk_widget_add_css_class (d->annotators, "heading");
  gtk_widget_set_visible (d->annotators, FALSE);
  gtk_box_append (GTK_BOX (box), d->annotators);

  d->stack = gtk_stack_new ();
  gtk_widget_set_vexpand (d->stack, TRUE);
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_stack_add_named (GTK_STACK (d->stack), spinner, "busy");

  d->grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (d->grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (d->grid), 6);
  gtk_widget_add_css_class (d->grid, "collate-agreement-table");
  gtk_box_append (GTK_BOX (table_box), d->grid);
  d->link_heading = gtk_label_new (_("Links"));
  gtk_label_set_xalign (GTK_LABEL (d->link_heading), 0);
  gtk_widget_add_css_class (d->link_heading, "heading");
  gtk_widget_set_visible (d->link_heading, FALSE);
  gtk_box_append (GTK_BOX (table_box), d->link_heading);
  d->link_grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (d->link_grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (d->link_grid), 6);
  gtk_widget_add_css_class (d->link_grid, "collate-agreement-table");
  gtk_widget_set_visible (d->link_grid, FALSE);
  gtk_box_append (GTK_BOX (table_box), d->link_grid);
  d->names = g_strdupv (annotators);
  note = gtk_label_new (_("F1: how far each pair of annotators marked the same spans (1 is the same). "
                          "κ and α: agreement on each token’s label beyond chance (1 is perfect, 0 is "
                          "chance); αu: the same for where spans start and end. Links: the same label "
                          "between the same two spans, either way round, within a document and across "
                          "documents. — : undefined here (nothing to compare). collate-cli agree gives "
                          "these figures too, with the list of disagreements."));
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_widget_add_css_class (note, "dim-label");
  gtk_widget_add_css_class (note, "caption");
  gtk_box_append (GTK_BOX (table_box), note);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), table_box);
  gtk_stack_add_named (GTK_STACK (d->stack), scroller, "table");

  d->message = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (d->message), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (d->message), 50);
  gtk_label_set_justify (GTK_LABEL (d->message), GTK_JUSTIFY_CENTER);
  gtk_widget_set_valign (d->message, GTK_ALIGN_CENTER);
  gtk_stack_add_named (GTK_STACK (d->stack), d->message, "message");
  gtk_stack_set_visible_child_name (GTK_STACK (d->stack), "busy");
  gtk_box_append (GTK_BOX (box), d->stack);
  gtk_window_set_child (GTK_WINDOW (window), box);

  d->cancellable = g_cancellable_new ();
  g_object_set_data_full (G_OBJECT (window), "collate-agreement", d, (GDestroyNotify) dialog_free);
  g_object_set_data (G_OBJECT (window), "collate-n-annotators", GUINT_TO_POINTER (g_strv_length (annotators)));
  {
    GtkEventController *keys = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                            gtk_named_action_new ("window.close")));
    gtk_widget_add_controller (window, keys);
  }
  collate_agreement_compute_async (project, d->cancellable, computed_cb, g_object_ref (window));
  return GTK_WINDOW (window);
}

gboolean
collate_agreement_dialog_is_ready (GtkWindow *dialog)
{
  Dialog *d = g_object_get_data (G_OBJECT (dialog), "collate-agreement");

  return d != NULL && d->ready;
}
