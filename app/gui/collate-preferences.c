/* collate-preferences.c — the preferences window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "collate-preferences.h"

struct _CollatePreferences
{
  GtkWindow       parent_instance;

  GSettings      *settings;

  GtkEntry       *annotator_entry;
  GtkLabel       *annotator_hint;
  GtkSpinButton  *font_size_spin;
  GtkSwitch      *snap_switch;
  GtkSwitch      *tags_switch;
  GtkDropDown    *style_dropdown;
};

G_DEFINE_FINAL_TYPE (CollatePreferences, collate_preferences, GTK_TYPE_WINDOW)

static const char *
default_annotator (void)
{
  const char *real = g_get_real_name ();

  if (real != NULL && real[0] != '\0' && g_strcmp0 (real, "Unknown") != 0)
    return real;
  return g_get_user_name ();
}

static gboolean
style_get_mapping (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);
  guint position = 0;

  if (g_strcmp0 (nick, "light") == 0)
    position = 1;
  else if (g_strcmp0 (nick, "dark") == 0)
    position = 2;
  g_value_set_uint (value, position);
  return TRUE;
}

static GVariant *
style_set_mapping (const GValue       *value,
                   const GVariantType *expected_type,
                   gpointer            user_data)
{
  static const char *nicks[] = { "system", "light", "dark" };
  guint position = g_value_get_uint (value);

  return g_variant_new_string (nicks[position < G_N_ELEMENTS (nicks) ? position : 0]);
}

static gboolean
collate_preferences_close_request (GtkWindow *window)
{
  CollatePreferences *self = COLLATE_PREFERENCES (window);
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->annotator_entry));
  g_autofree char *trimmed = g_strstrip (g_strdup (name));

  /* Spaces alone mean "the default" */
  if (trimmed[0] == '\0' && name[0] != '\0')
    g_settings_set_string (self->settings, "annotator-name", "");

  return GTK_WINDOW_CLASS (collate_preferences_parent_class)->close_request (window);
}

static void
collate_preferences_dispose (GObject *object)
{
  CollatePreferences *self = COLLATE_PREFERENCES (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), COLLATE_TYPE_PREFERENCES);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (collate_preferences_parent_class)->dispose (object);
}

static void
collate_preferences_class_init (CollatePreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = collate_preferences_dispose;
  window_class->close_request = collate_preferences_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/collate/Collate/collate-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, CollatePreferences, annotator_entry);
  gtk_widget_class_bind_template_child (widget_class, CollatePreferences, annotator_hint);
  gtk_widget_class_bind_template_child (widget_class, CollatePreferences, font_size_spin);
  gtk_widget_class_bind_template_child (widget_class, CollatePreferences, style_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CollatePreferences, snap_switch);
  gtk_widget_class_bind_template_child (widget_class, CollatePreferences, tags_switch);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
collate_preferences_init (CollatePreferences *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CollatePreferences *
collate_preferences_new (GSettings *settings,
                         GtkWindow *parent)
{
  CollatePreferences *self;
  g_autofree char *hint = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (COLLATE_TYPE_PREFERENCES,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       NULL);
  self->settings = g_object_ref (settings);

  gtk_entry_set_placeholder_text (self->annotator_entry, default_annotator ());
  /* Translators: %s is the name used when the field is left empty */
  hint = g_strdup_printf (_("Written as the author of every new span and link. Leave empty to use “%s”."),
                          default_annotator ());
  gtk_label_set_label (self->annotator_hint, hint);

  g_settings_bind (settings, "annotator-name", self->annotator_entry, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "font-size", self->font_size_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "snap-to-words", self->snap_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "show-label-tags", self->tags_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "color-scheme", self->style_dropdown, "selected",
                                G_SETTINGS_BIND_DEFAULT, style_get_mapping, style_set_mapping,
                                NULL, NULL);
  return self;
}
