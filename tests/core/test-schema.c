/* test-schema.c — default colours and their contrast, label edits with
 * undo, label set files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <collate.h>
#include <math.h>
#include <string.h>

/* ── colours ── */

typedef struct
{
  const char *name;
  double      fg[4];        /* the text's colour (rgba) */
  const char *view;         /* the text's background */
  const char *backgrounds[3]; /* where dots are drawn: view, window, header bar */
  double      alpha;        /* the highlight's opacity */
} Style;

/* Adwaita (GTK 4.8): view_fg_color is black at 80 % in the light style
 * and white in the dark one */
static const Style styles[] = {
  { "light", { 0, 0, 0, 0.8 }, "#ffffff", { "#ffffff", "#fafafa", "#ebebeb" },
    COLLATE_HIGHLIGHT_ALPHA_LIGHT },
  { "dark", { 1, 1, 1, 1.0 }, "#1e1e1e", { "#1e1e1e", "#242424", "#303030" },
    COLLATE_HIGHLIGHT_ALPHA_DARK },
};

static void
parse (const char *hex,
       double      rgb[3])
{
  guint64 v = g_ascii_strtoull (hex + 1, NULL, 16);

  rgb[0] = ((v >> 16) & 0xff) / 255.0;
  rgb[1] = ((v >> 8) & 0xff) / 255.0;
  rgb[2] = (v & 0xff) / 255.0;
}

static double
luminance (const double rgb[3])
{
  return collate_color_luminance (rgb[0], rgb[1], rgb[2]);
}

static void
over (const double top[3],
      double       alpha,
      const double bottom[3],
      double       out[3])
{
  for (int i = 0; i < 3; i++)
    out[i] = top[i] * alpha + bottom[i] * (1 - alpha);
}

/* CIE76 ΔE between two sRGB colours */
static double
delta_e (const double a[3],
         const double b[3])
{
  double lab[2][3];
  const double *c[2] = { a, b };

  for (int k = 0; k < 2; k++)
    {
      double lin[3], xyz[3], f[3];

      for (int i = 0; i < 3; i++)
        lin[i] = c[k][i] <= 0.04045 ? c[k][i] / 12.92 : pow ((c[k][i] + 0.055) / 1.055, 2.4);
      xyz[0] = (0.4124 * lin[0] + 0.3576 * lin[1] + 0.1805 * lin[2]) / 0.95047;
      xyz[1] = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
      xyz[2] = (0.0193 * lin[0] + 0.1192 * lin[1] + 0.9505 * lin[2]) / 1.08883;
      for (int i = 0; i < 3; i++)
        f[i] = xyz[i] > 0.008856 ? cbrt (xyz[i]) : 7.787 * xyz[i] + 16.0 / 116;
      lab[k][0] = 116 * f[1] - 16;
      lab[k][1] = 500 * (f[0] - f[1]);
      lab[k][2] = 200 * (f[1] - f[2]);
    }
  return sqrt (pow (lab[0][0] - lab[1][0], 2) + pow (lab[0][1] - lab[1][1], 2)
               + pow (lab[0][2] - lab[1][2], 2));
}

/* Every label of @schema: text over its highlight keeps WCAG AA (4.5:1)
 * and its dot 3:1 against every background, in both styles; colours are
 * pairwise distinct (ΔE ≥ @min_delta) across span and link labels */
static void
check_colours (CollateSchema *schema,
               double         min_delta)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();

  for (guint kind = 0; kind < 2; kind++)
    for (guint i = 0; i < collate_schema_get_n_labels (schema, kind); i++)
      g_ptr_array_add (all, collate_schema_get_label (schema, kind, i));

  for (guint i = 0; i < all->len; i++)
    {
      CollateLabel *label = g_ptr_array_index (all, i);
      double colour[3];

      parse (collate_label_get_color (label), colour);
      for (guint s = 0; s < G_N_ELEMENTS (styles); s++)
        {
          const Style *style = &styles[s];
          double view[3], highlight[3], text[3];
          double ratio;

          parse (style->view, view);
          over (colour, style->alpha, view, highlight);
          over (style->fg, style->fg[3], highlight, text);
          ratio = collate_color_contrast (luminance (text), luminance (highlight));
          if (ratio < 4.5)
            g_error ("%s: text over the %s highlight has contrast %.2f (< 4.5) in the %s style",
                     collate_label_get_name (label), collate_label_get_color (label), ratio, style->name);

          for (guint b = 0; b < G_N_ELEMENTS (style->backgrounds); b++)
            {
              double background[3];

              parse (style->backgrounds[b], background);
              ratio = collate_color_contrast (luminance (colour), luminance (background));
              if (ratio < 3.0)
                g_error ("%s: the %s dot on %s has contrast %.2f (< 3) in the %s style",
                         collate_label_get_name (label), collate_label_get_color (label),
                         style->backgrounds[b], ratio, style->name);
            }
        }

      for (guint j = 0; j < i; j++)
        {
          CollateLabel *other = g_ptr_array_index (all, j);
          double colour2[3];

          parse (collate_label_get_color (other), colour2);
          if (delta_e (colour, colour2) < min_delta)
            g_error ("%s (%s) and %s (%s) are hard to tell apart (ΔE %.1f < %.0f)",
                     collate_label_get_name (label), collate_label_get_color (label),
                     collate_label_get_name (other), collate_label_get_color (other),
                     delta_e (colour, colour2), min_delta);
        }
    }
}

static void
test_default_colours (void)
{
  g_autoptr(CollateSchema) schema = collate_schema_new_default ();

  g_assert_cmpuint (collate_schema_get_n_labels (schema, COLLATE_LABEL_KIND_SPAN), ==, 6);
  g_assert_cmpuint (collate_schema_get_n_labels (schema, COLLATE_LABEL_KIND_LINK), ==, 3);
  check_colours (schema, 30);
}

/* A schema's labels copied out stay as they were when the schema changes */
static void
test_dup_labels (void)
{
  g_autoptr(CollateSchema) schema = collate_schema_new_default ();
  g_autoptr(CollateSchema) empty = collate_schema_new ();
  g_autoptr(GPtrArray) spans = collate_schema_dup_labels (schema, COLLATE_LABEL_KIND_SPAN);
  g_autoptr(GPtrArray) links = collate_schema_dup_labels (schema, COLLATE_LABEL_KIND_LINK);

  g_assert_cmpuint (spans->len, ==, 6);
  g_assert_cmpuint (links->len, ==, 3);
  for (guint i = 0; i < spans->len; i++)
    g_assert_true (g_ptr_array_index (spans, i)
                   == collate_schema_get_label (schema, COLLATE_LABEL_KIND_SPAN, i));
  for (guint i = 0; i < links->len; i++)
    g_assert_true (g_ptr_array_index (links, i)
                   == collate_schema_get_label (schema, COLLATE_LABEL_KIND_LINK, i));

  collate_schema_assign (schema, empty);
  g_assert_cmpuint (collate_schema_get_n_labels (schema, COLLATE_LABEL_KIND_SPAN), ==, 0);
  g_assert_cmpuint (spans->len, ==, 6);
  g_assert_cmpstr (collate_label_get_name (g_ptr_array_index (spans, 0)), ==, "Claim");
  g_assert_cmpstr (collate_label_get_name (g_ptr_array_index (links, 0)), ==, "Contradicts");
}

/* A check that can fail: yesterday's defaults did */
static void
test_contrast_catches_bad_colours (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(CollateSchema) schema = collate_schema_new ();
      g_autoptr(CollateLabel) yellow = collate_label_new ("Claim", "#f5c211", NULL, NULL, NULL);

      collate_schema_add (schema, COLLATE_LABEL_KIND_SPAN, yellow, NULL);
      check_colours (schema, 30);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*Claim: the #f5c211 dot on #ffffff has contrast*");
}

static void
test_dot_contrast (void)
{
  guint n;
  const char * const *palette = collate_schema_get_palette (&n);

  g_assert_cmpuint (n, >=, 9);
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat (collate_color_dot_contrast (palette[i]), >=, 3.0);
  /* light yellow on white, dark grey on the dark style */
  g_assert_cmpfloat (collate_color_dot_contrast ("#f9f06b"), <, 1.5);
  g_assert_cmpfloat (collate_color_dot_contrast ("#333333"), <, 1.5);
}

static void
test_ensured_colours (void)
{
  g_autoptr(CollateSchema) schema = collate_schema_new_default ();

  /* the palette, then colours made up past it */
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *name = g_strdup_printf ("Label %u", i);

      g_assert_nonnull (collate_schema_ensure (schema, i % 4 ? COLLATE_LABEL_KIND_SPAN
                                                             : COLLATE_LABEL_KIND_LINK, name));
    }
  /* readable, and no two alike (distinct hex; many labels cannot all be far apart) */
  check_colours (schema, 2);
}

/* ── label edits ── */

static char *
fixed_clock (gpointer data)
{
  return g_strdup ("2026-01-01T00:00:00Z");
}

static CollateProject *
make_project (void)
{
  static const char text[] = "Witkoff met Putin in St. Petersburg for four and a half hours.";
  g_autoptr(CollateDocument) d1 = collate_document_new ("d1", "One", "", text, -1, NULL);
  CollateProject *project = collate_project_new ("Labels", NULL);
  CollateAnnotation *a, *b, *c;

  collate_project_set_clock (project, fixed_clock, NULL);
  g_assert_true (collate_project_add_document (project, d1, NULL));
  a = collate_project_add_span (project, "d1", 0, 7, "Person", NULL);
  b = collate_project_add_span (project, "d1", 12, 17, "Person", NULL);
  c = collate_project_add_span (project, "d1", 21, 35, "Location", NULL);
  g_assert_nonnull (collate_project_add_link (project, "Same entity", collate_annotation_get_id (a),
                                              collate_annotation_get_id (b), NULL));
  g_assert_nonnull (collate_project_add_link (project, "Corroborates", collate_annotation_get_id (b),
                                              collate_annotation_get_id (c), NULL));
  return project;
}

/* "Person,Person,Location|Same entity,Corroborates" */
static char *
labels_used (CollateProject *project)
{
  GString *s = g_string_new (NULL);
  GListModel *anns = collate_project_get_annotations (project);
  GListModel *links = collate_project_get_links (project);

  for (guint i = 0; i < g_list_model_get_n_items (anns); i++)
    {
      g_autoptr(CollateAnnotation) a = g_list_model_get_item (anns, i);

      g_string_append_printf (s, "%s%s", i ? "," : "", collate_annotation_get_label (a));
    }
  g_string_append_c (s, '|');
  for (guint i = 0; i < g_list_model_get_n_items (links); i++)
    {
      g_autoptr(CollateLink) l = g_list_model_get_item (links, i);

      g_string_append_printf (s, "%s%s", i ? "," : "", collate_link_get_label (l));
    }
  return g_string_free (s, FALSE);
}

/* "Claim:1,Person:2,…|Contradicts,…" */
static char *
schema_names (CollateProject *project)
{
  CollateSchema *schema = collate_project_get_schema (project);
  GString *s = g_string_new (NULL);

  for (guint kind = 0; kind < 2; kind++)
    {
      if (kind)
        g_string_append_c (s, '|');
      for (guint i = 0; i < collate_schema_get_n_labels (schema, kind); i++)
        {
          CollateLabel *label = collate_schema_get_label (schema, kind, i);
          const char *hotkey = collate_label_get_hotkey (label);

          g_string_append_printf (s, "%s%s%s%s", i ? "," : "", collate_label_get_name (label),
                                  hotkey ? ":" : "", hotkey ? hotkey : "");
        }
    }
  return g_string_free (s, FALSE);
}

static void
on_schema_changed (CollateSchema *schema,
                   guint         *count)
{
  (*count)++;
}

static void
test_add_label (void)
{
  g_autoptr(CollateProject) project = make_project ();
  g_autoptr(CollateLabel) event = collate_label_new ("Event", "#8069ee", "7", "Something that happened", NULL);
  g_autoptr(CollateLabel) clash = collate_label_new ("Other", "#8069ee", "2", NULL, NULL);
  g_autoptr(CollateLabel) twice = collate_label_new ("Person", "#8069ee", NULL, NULL, NULL);
  g_autofree char *before = schema_names (project);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  guint changes = 0;

  g_signal_connect (collate_project_get_schema (project), "changed", G_CALLBACK (on_schema_changed), &changes);

  g_assert_false (collate_project_add_label (project, COLLATE_LABEL_KIND_SPAN, clash, -1, &error));
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "\"2\" is already used by \"Person\""));
  g_clear_error (&error);
  g_assert_false (collate_project_add_label (project, COLLATE_LABEL_KIND_SPAN, twice, -1, &error));
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_cmpuint (changes, ==, 0);

  g_assert_true (collate_project_add_label (project, COLLATE_LABEL_KIND_SPAN, event, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 1);
  after = schema_names (project);
  g_assert_cmpstr (after, ==, "Claim:1,Event:7,Person:2,Organization:3,Location:4,Time:5,Quantity:6"
                              "|Contradicts,Corroborates,Same entity");
  g_assert_cmpstr (collate_project_get_undo_description (project), ==, "Add Label Event");
  g_assert_true (collate_project_get_modified (project));

  /* the new label tags at once */
  g_assert_nonnull (collate_project_add_span (project, "d1", 39, 61, "Event", NULL));
  g_assert_true (collate_project_undo (project));
  g_assert_true (collate_project_undo (project));
  {
    g_autofree char *now = schema_names (project);

    g_assert_cmpstr (now, ==, before);
  }
  g_assert_true (collate_project_redo (project));
  {
    g_autofree char *now = schema_names (project);

    g_assert_cmpstr (now, ==, after);
  }
}

static void
test_rename_label (void)
{
  g_autoptr(CollateProject) project = make_project ();
  CollateSchema *schema = collate_project_get_schema (project);
  CollateLabel *person = collate_schema_lookup (schema, COLLATE_LABEL_KIND_SPAN, "Person");
  g_autoptr(CollateLabel) renamed = collate_label_new ("Human", collate_label_get_color (person),
                                                       "2", "A named human being", NULL);
  g_autoptr(CollateLabel) same = collate_label_new ("Same ref", "#e620b1", NULL, NULL, NULL);
  g_autoptr(CollateLabel) taken = collate_label_new ("Location", "#307ce8", "2", NULL, NULL);
  g_autofree char *before = labels_used (project);
  g_autoptr(GError) error = NULL;
  CollateAnnotation *first;
  g_autofree char *modified = NULL;

  collate_project_set_clock (project, NULL, NULL);  /* the real clock from now on */
  first = g_list_model_get_item (collate_project_get_annotations (project), 0);
  modified = g_strdup (collate_annotation_get_modified (first));
  g_object_unref (first);

  g_assert_false (collate_project_edit_label (project, COLLATE_LABEL_KIND_SPAN, "Person", taken, &error));
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (collate_project_edit_label (project, COLLATE_LABEL_KIND_SPAN, "Nobody", renamed, &error));
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpstr (before, ==, "Person,Person,Location|Same entity,Corroborates");
  g_assert_true (collate_project_edit_label (project, COLLATE_LABEL_KIND_SPAN, "Person", renamed, &error));
  g_assert_no_error (error);
  {
    g_autofree char *now = labels_used (project);
    g_autofree char *names = schema_names (project);

    g_assert_cmpstr (now, ==, "Human,Human,Location|Same entity,Corroborates");
    g_assert_cmpstr (names, ==, "Claim:1,Human:2,Organization:3,Location:4,Time:5,Quantity:6"
                                "|Contradicts,Corroborates,Same entity");
  }
  g_assert_cmpstr (collate_project_get_undo_description (project), ==, "Rename Label Person to Human");
  /* a rename is not an edit of the span: its time stays */
  first = g_list_model_get_item (collate_project_get_annotations (project), 0);
  g_assert_cmpstr (collate_annotation_get_modified (first), ==, modified);
  g_assert_cmpstr (collate_label_get_description (collate_schema_lookup (schema, COLLATE_LABEL_KIND_SPAN, "Human")),
                   ==, "A named human being");
  g_object_unref (first);

  /* one undo step brings both the name and the spans back */
  g_assert_true (collate_project_undo (project));
  {
    g_autofree char *now = labels_used (project);

    g_assert_cmpstr (now, ==, before);
    g_assert_nonnull (collate_schema_lookup (schema, COLLATE_LABEL_KIND_SPAN, "Person"));
    g_assert_null (collate_schema_lookup (schema, COLLATE_LABEL_KIND_SPAN, "Human"));
  }
  g_assert_true (collate_project_redo (project));

  /* link labels too */
  g_assert_true (collate_project_edit_label (project, COLLATE_LABEL_KIND_LINK, "Same entity", same, &error));
  g_assert_no_error (error);
  {
    g_autofree char *now = labels_used (project);

    g_assert_cmpstr (now, ==, "Human,Human,Location|Same ref,Corroborates");
  }
}

static void
test_recolour_and_hotkey (void)
{
  g_autoptr(CollateProject) project = make_project ();
  CollateSchema *schema = collate_project_get_schema (project);
  g_autoptr(CollateLabel) time = collate_label_new ("Time", "#1587bf", "t", NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (collate_project_edit_label (project, COLLATE_LABEL_KIND_SPAN, "Time", time, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (collate_project_get_undo_description (project), ==, "Change Label Time");
  g_assert_cmpstr (collate_label_get_color (collate_schema_lookup (schema, COLLATE_LABEL_KIND_SPAN, "Time")),
                   ==, "#1587bf");
  g_assert_true (collate_schema_lookup_hotkey (schema, "t") ==
                 collate_schema_lookup (schema, COLLATE_LABEL_KIND_SPAN, "Time"));
  g_assert_null (collate_schema_lookup_hotkey (schema, "5"));
  g_assert_true (collate_project_undo (project));
  g_assert_cmpstr (collate_label_get_color (collate_schema_lookup (schema, COLLATE_LABEL_KIND_SPAN, "Time")),
                   ==, "#d05b17");
  g_assert_nonnull (collate_schema_lookup_hotkey (schema, "5"));

  /* an edit that changes nothing is no undo step */
  {
    CollateLabel *claim = collate_schema_lookup (schema, COLLATE_LABEL_KIND_SPAN, "Claim");
    g_autoptr(CollateLabel) copy = collate_label_new ("Claim", collate_label_get_color (claim), "1",
                                                      collate_label_get_description (claim), NULL);

    g_assert_true (collate_project_edit_label (project, COLLATE_LABEL_KIND_SPAN, "Claim", copy, &error));
    g_assert_cmpstr (collate_project_get_undo_description (project), !=, "Change Label Claim");
  }
}

/* link labels carry keys like span labels: an own key wins over the
 * digit of a position, which no longer names a label once taken */
static void
test_link_hotkey (void)
{
  g_autoptr(CollateProject) project = make_project ();
  CollateSchema *schema = collate_project_get_schema (project);
  g_autoptr(CollateLabel) corroborates = collate_label_new ("Corroborates", "#2ec27e", "1", NULL, NULL);
  g_autoptr(CollateLabel) same = collate_label_new ("Same entity", "#9141ac", "1", NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  key = collate_schema_key_for (schema, COLLATE_LABEL_KIND_LINK, 1);
  g_assert_cmpstr (key, ==, "2");
  g_clear_pointer (&key, g_free);
  g_assert_cmpstr (collate_label_get_name (collate_schema_label_for_key (schema, COLLATE_LABEL_KIND_LINK, "1")),
                   ==, "Contradicts");
  g_assert_null (collate_schema_label_for_key (schema, COLLATE_LABEL_KIND_LINK, "4"));

  g_assert_true (collate_project_edit_label (project, COLLATE_LABEL_KIND_LINK, "Corroborates",
                                             corroborates, &error));
  g_assert_no_error (error);
  schema = collate_project_get_schema (project);
  g_assert_cmpstr (collate_project_get_undo_description (project), ==, "Change Label Corroborates");
  g_assert_cmpstr (collate_label_get_name (collate_schema_label_for_key (schema, COLLATE_LABEL_KIND_LINK, "1")),
                   ==, "Corroborates");
  g_assert_cmpstr (collate_label_get_name (collate_schema_label_for_key (schema, COLLATE_LABEL_KIND_LINK, "2")),
                   ==, "Corroborates");
  g_assert_cmpstr (collate_label_get_name (collate_schema_label_for_key (schema, COLLATE_LABEL_KIND_LINK, "3")),
                   ==, "Same entity");
  /* the span label Claim keeps its own 1: keys are unique within a kind */
  g_assert_cmpstr (collate_label_get_name (collate_schema_lookup_hotkey (schema, "1")), ==, "Claim");
  g_assert_null (collate_schema_key_for (schema, COLLATE_LABEL_KIND_LINK, 0));
  key = collate_schema_key_for (schema, COLLATE_LABEL_KIND_LINK, 1);
  g_assert_cmpstr (key, ==, "1");
  g_clear_pointer (&key, g_free);
  key = collate_schema_key_for (schema, COLLATE_LABEL_KIND_LINK, 2);
  g_assert_cmpstr (key, ==, "3");
  g_clear_pointer (&key, g_free);

  /* two link labels cannot share a key */
  g_assert_false (collate_project_edit_label (project, COLLATE_LABEL_KIND_LINK, "Same entity", same, &error));
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "link label \"Same entity\": hotkey \"1\" is already used by \"Corroborates\""));
  g_clear_error (&error);

  /* saved and read back as the span labels' hotkeys are */
  {
    g_autoptr(GBytes) bytes = collate_project_to_bytes (project);
    g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    g_autoptr(CollateProject) again = collate_project_load_bytes (bytes, &error);
    CollateLabel *label;

    g_assert_no_error (error);
    g_assert_nonnull (strstr (text, "\"name\": \"Corroborates\",\n        \"color\": \"#2ec27e\",\n        \"hotkey\": \"1\""));
    label = collate_schema_lookup (collate_project_get_schema (again), COLLATE_LABEL_KIND_LINK, "Corroborates");
    g_assert_cmpstr (collate_label_get_hotkey (label), ==, "1");
    label = collate_schema_lookup (collate_project_get_schema (again), COLLATE_LABEL_KIND_LINK, "Contradicts");
    g_assert_null (collate_label_get_hotkey (label));
  }

  g_assert_true (collate_project_undo (project));
  schema = collate_project_get_schema (project);
  g_assert_null (collate_label_get_hotkey (collate_schema_lookup (schema, COLLATE_LABEL_KIND_LINK, "Corroborates")));
  g_assert_cmpstr (collate_label_get_name (collate_schema_label_for_key (schema, COLLATE_LABEL_KIND_LINK, "1")),
                   ==, "Contradicts");
}

static void
test_move_label (void)
{
  g_autoptr(CollateProject) project = make_project ();
  g_autoptr(GError) error = NULL;

  g_assert_true (collate_project_move_label (project, COLLATE_LABEL_KIND_SPAN, "Quantity", 0, &error));
  g_assert_no_error (error);
  {
    g_autofree char *names = schema_names (project);

    g_assert_cmpstr (names, ==, "Quantity:6,Claim:1,Person:2,Organization:3,Location:4,Time:5"
                                "|Contradicts,Corroborates,Same entity");
  }
  g_assert_true (collate_project_move_label (project, COLLATE_LABEL_KIND_LINK, "Contradicts", 99, &error));
  {
    g_autofree char *names = schema_names (project);

    g_assert_cmpstr (names, ==, "Quantity:6,Claim:1,Person:2,Organization:3,Location:4,Time:5"
                                "|Corroborates,Same entity,Contradicts");
  }
  g_assert_true (collate_project_undo (project));
  g_assert_true (collate_project_undo (project));
  {
    g_autofree char *names = schema_names (project);

    g_assert_cmpstr (names, ==, "Claim:1,Person:2,Organization:3,Location:4,Time:5,Quantity:6"
                                "|Contradicts,Corroborates,Same entity");
  }
}

static void
test_remove_label (void)
{
  g_autoptr(CollateProject) project = make_project ();
  g_autofree char *before = labels_used (project);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (collate_project_count_label_uses (project, COLLATE_LABEL_KIND_SPAN, "Person"), ==, 2);
  g_assert_cmpuint (collate_project_count_label_uses (project, COLLATE_LABEL_KIND_SPAN, "Claim"), ==, 0);
  g_assert_cmpuint (collate_project_count_label_uses (project, COLLATE_LABEL_KIND_LINK, "Same entity"), ==, 1);

  /* unused */
  g_assert_true (collate_project_remove_label (project, COLLATE_LABEL_KIND_SPAN, "Claim", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (collate_project_undo (project));

  g_assert_false (collate_project_remove_label (project, COLLATE_LABEL_KIND_SPAN, "Person", "Person", &error));
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (collate_project_remove_label (project, COLLATE_LABEL_KIND_SPAN, "Person", "Nobody", &error));
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* relabelled */
  g_assert_true (collate_project_remove_label (project, COLLATE_LABEL_KIND_SPAN, "Person", "Organization", &error));
  g_assert_no_error (error);
  {
    g_autofree char *now = labels_used (project);

    g_assert_cmpstr (now, ==, "Organization,Organization,Location|Same entity,Corroborates");
    g_assert_null (collate_schema_lookup (collate_project_get_schema (project), COLLATE_LABEL_KIND_SPAN, "Person"));
  }
  g_assert_cmpstr (collate_project_get_undo_description (project), ==, "Delete Label Person");
  g_assert_true (collate_project_undo (project));
  {
    g_autofree char *now = labels_used (project);

    g_assert_cmpstr (now, ==, before);
  }

  /* deleted, with the links of its spans */
  g_assert_true (collate_project_remove_label (project, COLLATE_LABEL_KIND_SPAN, "Person", NULL, &error));
  {
    g_autofree char *now = labels_used (project);

    g_assert_cmpstr (now, ==, "Location|");
  }
  g_assert_true (collate_project_undo (project));
  {
    g_autofree char *now = labels_used (project);

    g_assert_cmpstr (now, ==, before);
  }

  /* a link label in use */
  g_assert_true (collate_project_remove_label (project, COLLATE_LABEL_KIND_LINK, "Corroborates", NULL, &error));
  {
    g_autofree char *now = labels_used (project);

    g_assert_cmpstr (now, ==, "Person,Person,Location|Same entity");
  }
  g_assert_true (collate_project_remove_label (project, COLLATE_LABEL_KIND_LINK, "Same entity", "Contradicts", &error));
  {
    g_autofree char *now = labels_used (project);

    g_assert_cmpstr (now, ==, "Person,Person,Location|Contradicts");
  }
}

static CollateSchema *
load_shipped (const char *name)
{
  g_autofree char *path = g_build_filename (TESTS_SRCDIR, "..", "data", "label-sets", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  CollateSchema *set = collate_label_set_load_file (file, NULL, NULL, &error);

  g_assert_no_error (error);
  return set;
}

static void
test_apply_label_set (void)
{
  g_autoptr(CollateProject) project = make_project ();
  g_autoptr(CollateSchema) conll = load_shipped ("conll.labels.json");
  g_autofree char *before = schema_names (project);
  g_auto(GStrv) missing = NULL;
  g_autoptr(GError) error = NULL;

  missing = collate_project_missing_labels (project, conll, COLLATE_LABEL_KIND_SPAN);
  g_assert_cmpuint (g_strv_length (missing), ==, 2);
  g_assert_cmpstr (missing[0], ==, "Person");
  g_assert_cmpstr (missing[1], ==, "Location");

  /* said, not dropped */
  g_assert_false (collate_project_apply_label_set (project, conll, FALSE, &error));
  g_assert_error (error, COLLATE_ERROR, COLLATE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "\"Person\" (2 spans), \"Location\" (1 span)"));
  g_assert_nonnull (strstr (error->message, "\"Corroborates\" (1 link)"));
  g_clear_error (&error);
  {
    g_autofree char *now = schema_names (project);

    g_assert_cmpstr (now, ==, before);
  }
  g_assert_cmpuint (collate_project_get_n_annotations (project), ==, 3);

  /* kept, after the set's own; their hotkeys give way */
  g_assert_true (collate_project_apply_label_set (project, conll, TRUE, &error));
  g_assert_no_error (error);
  {
    g_autofree char *now = schema_names (project);

    g_assert_cmpstr (now, ==, "PER:1,ORG:2,LOC:3,MISC:4,Person,Location|Same entity,Corroborates");
    /* Person's blue is PER's in the set: it takes another */
    g_assert_cmpstr (collate_label_get_color (collate_schema_lookup (collate_project_get_schema (project),
                                                                     COLLATE_LABEL_KIND_SPAN, "Person")),
                     !=, "#307ce8");
    check_colours (collate_project_get_schema (project), 2);
  }
  g_assert_cmpuint (collate_project_get_n_annotations (project), ==, 3);
  g_assert_cmpstr (collate_project_get_undo_description (project), ==, "Apply Label Set");
  g_assert_true (collate_project_undo (project));
  {
    g_autofree char *now = schema_names (project);

    g_assert_cmpstr (now, ==, before);
  }
}

/* ── label set files ── */

static void
test_label_set_round_trip (void)
{
  g_autoptr(CollateSchema) news = load_shipped ("news.labels.json");
  g_autoptr(CollateSchema) defaults = collate_schema_new_default ();
  g_autoptr(GBytes) bytes = collate_label_set_to_bytes (defaults, "Mine");
  g_autoptr(GBytes) again = NULL;
  g_autoptr(CollateSchema) back = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;

  /* the shipped news set is the defaults (the English descriptions) */
  g_assert_true (collate_schema_equal (news, defaults));

  back = collate_label_set_load_bytes (bytes, &title, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (title, ==, "Mine");
  g_assert_true (collate_schema_equal (back, defaults));
  again = collate_label_set_to_bytes (back, "Mine");
  g_assert_true (g_bytes_equal (bytes, again));
}

static void
test_shipped_sets (void)
{
  const char *names[] = { "news.labels.json", "conll.labels.json", "fact-checking.labels.json" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(CollateSchema) set = load_shipped (names[i]);

      g_assert_cmpuint (collate_schema_get_n_labels (set, COLLATE_LABEL_KIND_SPAN), >=, 4);
      g_assert_cmpuint (collate_schema_get_n_labels (set, COLLATE_LABEL_KIND_LINK), >=, 1);
      check_colours (set, 30);
    }
  {
    g_autoptr(CollateSchema) facts = load_shipped ("fact-checking.labels.json");

    g_assert_nonnull (collate_schema_lookup (facts, COLLATE_LABEL_KIND_SPAN, "Evidence"));
    g_assert_nonnull (collate_schema_lookup (facts, COLLATE_LABEL_KIND_LINK, "Refutes"));
  }
}

static void
test_project_as_label_set (void)
{
  g_autoptr(CollateProject) project = make_project ();
  g_autoptr(GBytes) bytes = collate_project_to_bytes (project);
  g_autoptr(CollateSchema) set = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;

  set = collate_label_set_load_bytes (bytes, &title, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (title, ==, "Labels");
  g_assert_true (collate_schema_equal (set, collate_project_get_schema (project)));
}

static void
test_bad_label_sets (void)
{
  static const struct { const char *json; int code; const char *message; } cases[] = {
    { "", COLLATE_ERROR_PARSE, NULL },
    { "[]", COLLATE_ERROR_FORMAT, "this is not a label set" },
    { "{\"format\": \"other\"}", COLLATE_ERROR_FORMAT, "format: this is neither a label set" },
    { "{\"format\": \"collate-label-set\", \"version\": 2, \"span_labels\": [], \"link_labels\": []}",
      COLLATE_ERROR_VERSION, "version: label set version 2" },
    { "{\"format\": \"collate-label-set\", \"version\": 1, \"link_labels\": []}",
      COLLATE_ERROR_INVALID, "span_labels: missing" },
    { "{\"format\": \"collate-label-set\", \"version\": 1, \"span_labels\": "
      "[{\"name\": \"A\", \"color\": \"red\"}], \"link_labels\": []}",
      COLLATE_ERROR_INVALID, "span_labels[0]: label \"A\": colour \"red\"" },
    { "{\"format\": \"collate-label-set\", \"version\": 1, \"span_labels\": "
      "[{\"name\": \"A\", \"color\": \"#ffffff\"}, {\"name\": \"A\", \"color\": \"#000000\"}], \"link_labels\": []}",
      COLLATE_ERROR_EXISTS, "span_labels[1]: span label \"A\" is defined twice" },
    { "{\"format\": \"collate-label-set\", \"version\": 1, \"span_labels\": "
      "[{\"name\": \"A\", \"color\": \"#ffffff\", \"hotkey\": \"12\"}], \"link_labels\": []}",
      COLLATE_ERROR_INVALID, "hotkey \"12\" must be a single printable character" },
    { "{\"format\": \"collate-label-set\", \"version\": 1, \"span_labels\": [], \"link_labels\": [], \"x\": 1}",
      COLLATE_ERROR_INVALID, "x: unknown" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].json, strlen (cases[i].json));
      g_autoptr(GError) error = NULL;
      g_autoptr(CollateSchema) set = collate_label_set_load_bytes (bytes, NULL, &error);

      g_assert_null (set);
      g_assert_error (error, COLLATE_ERROR, cases[i].code);
      if (cases[i].message && strstr (error->message, cases[i].message) == NULL)
        g_error ("case %u: \"%s\" lacks \"%s\"", i, error->message, cases[i].message);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/schema/default-colours", test_default_colours);
  g_test_add_func ("/schema/dup-labels", test_dup_labels);
  g_test_add_func ("/schema/contrast-catches-bad-colours", test_contrast_catches_bad_colours);
  g_test_add_func ("/schema/ensured-colours", test_ensured_colours);
  g_test_add_func ("/schema/dot-contrast", test_dot_contrast);
  g_test_add_func ("/labels/add", test_add_label);
  g_test_add_func ("/labels/rename", test_rename_label);
  g_test_add_func ("/labels/recolour-and-hotkey", test_recolour_and_hotkey);
  g_test_add_func ("/labels/link-hotkey", test_link_hotkey);
  g_test_add_func ("/labels/move", test_move_label);
  g_test_add_func ("/labels/remove", test_remove_label);
  g_test_add_func ("/labels/apply-set", test_apply_label_set);
  g_test_add_func ("/label-set/round-trip", test_label_set_round_trip);
  g_test_add_func ("/label-set/shipped", test_shipped_sets);
  g_test_add_func ("/label-set/project", test_project_as_label_set);
  g_test_add_func ("/label-set/bad", test_bad_label_sets);

  return g_test_run ();
}
