/* collate-span-index.c — the spans of one document, ordered and searchable by offset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "collate-span-index.h"
#include "collate-text.h"

typedef struct _Node Node;

struct _Node
{
  Node              *left;
  Node              *right;
  CollateAnnotation *annotation;  /* owned */
  guint              start;
  guint              end;
  guint              max_end;     /* largest end in this subtree */
  guint              size;        /* nodes in this subtree */
  guint32            priority;
};

struct _CollateSpanIndex
{
  Node    *root;
  guint32  rand;  /* xorshift32 state, for the nodes' priorities */
};

static inline guint
node_size (Node *node)
{
  return node ? node->size : 0;
}

static inline void
node_update (Node *node)
{
  node->size = 1 + node_size (node->left) + node_size (node->right);
  node->max_end = node->end;
  if (node->left && node->left->max_end > node->max_end)
    node->max_end = node->left->max_end;
  if (node->right && node->right->max_end > node->max_end)
    node->max_end = node->right->max_end;
}

static int
key_compare (guint              start,
             guint              end,
             CollateAnnotation *annotation,
             Node              *node)
{
  if (start != node->start)
    return start < node->start ? -1 : 1;
  if (end != node->end)
    return end < node->end ? -1 : 1;

  return collate_id_compare (collate_annotation_get_id (annotation),
                             collate_annotation_get_id (node->annotation));
}

static Node *
rotate_right (Node *node)
{
  Node *left = node->left;

  node->left = left->right;
  left->right = node;
  node_update (node);
  node_update (left);

  return left;
}

static Node *
rotate_left (Node *node)
{
  Node *right = node->right;

  node->right = right->left;
  right->left = node;
  node_update (node);
  node_update (right);

  return right;
}

CollateSpanIndex *
collate_span_index_new (void)
{
  CollateSpanIndex *self = g_new0 (CollateSpanIndex, 1);

  /* A fixed seed: the shape of the tree does not depend on the run.  A
   * word of state rather than a GRand (2.5 KB, and slow to seed): a
   * project has one index per document, and may have 100,000 of them. */
  self->rand = 0x5eed;

  return self;
}

static void
node_free (Node *node)
{
  while (node != NULL)
    {
      Node *right = node->right;

      node_free (node->left);
      g_object_unref (node->annotation);
      g_free (node);
      node = right;
    }
}

void
collate_span_index_free (CollateSpanIndex *self)
{
  if (self == NULL)
    return;

  node_free (self->root);
  g_free (self);
}

guint
collate_span_index_get_size (CollateSpanIndex *self)
{
  return node_size (self->root);
}

static Node *
node_insert (Node *root,
             Node *node)
{
  if (root == NULL)
    return node;

  if (key_compare (node->start, node->end, node->annotation, root) < 0)
    {
      root->left = node_insert (root->left, node);
      if (root->left->priority > root->priority)
        return rotate_right (root);
    }
  else
    {
      root->right = node_insert (root->right, node);
      if (root->right->priority > root->priority)
        return rotate_left (root);
    }

  node_update (root);

  return root;
}

void
collate_span_index_insert (CollateSpanIndex  *self,
                           CollateAnnotation *annotation)
{
  Node *node = g_new0 (Node, 1);

  node->annotation = g_object_ref (annotation);
  node->start = collate_annotation_get_start (annotation);
  node->end = collate_annotation_get_end (annotation);
  /* Marsaglia's xorshift32: enough randomness for a treap's balance */
  self->rand ^= self->rand << 13;
  self->rand ^= self->rand >> 17;
  self->rand ^= self->rand << 5;
  node->priority = self->rand;
  node_update (node);

  self->root = node_insert (self->root, node);
}

static Node *
node_merge (Node *left,
            Node *right)
{
  if (left == NULL)
    return right;
  if (right == NULL)
    return left;

  if (left->priority > right->priority)
    {
      left->right = node_merge (left->right, right);
      node_update (left);
      return left;
    }
  else
    {
      right->left = node_merge (left, right->left);
      node_update (right);
      return right;
    }
}

static Node *
node_remove (Node              *root,
             CollateAnnotation *annotation,
             guint              start,
             guint              end,
             gboolean          *removed)
{
  int cmp;

  if (root == NULL)
    return NULL;

  cmp = key_compare (start, end, annotation, root);
  if (cmp == 0)
    {
      Node *merged = node_merge (root->left, root->right);

      g_object_unref (root->annotation);
      g_free (root);
      *removed = TRUE;

      return merged;
    }

  if (cmp < 0)
    root->left = node_remove (root->left, annotation, start, end, removed);
  else
    root->right = node_remove (root->right, annotation, start, end, removed);

  node_update (root);

  return root;
}

gboolean
collate_span_index_remove (CollateSpanIndex  *self,
                           CollateAnnotation *annotation)
{
  gboolean removed = FALSE;

  self->root = node_remove (self->root, annotation,
                            collate_annotation_get_start (annotation),
                            collate_annotation_get_end (annotation),
                            &removed);

  return removed;
}

int
collate_span_index_rank (CollateSpanIndex  *self,
                         CollateAnnotation *annotation)
{
  guint start = collate_annotation_get_start (annotation);
  guint end = collate_annotation_get_end (annotation);
  Node *node = self->root;
  guint rank = 0;

  while (node != NULL)
    {
      int cmp = key_compare (start, end, annotation, node);

      if (cmp == 0)
        return (int) (rank + node_size (node->left));
      if (cmp < 0)
        node = node->left;
      else
        {
          rank += node_size (node->left) + 1;
          node = node->right;
        }
    }

  return -1;
}

CollateAnnotation *
collate_span_index_select (CollateSpanIndex *self,
                           guint             position)
{
  Node *node = self->root;

  while (node != NULL)
    {
      guint left = node_size (node->left);

      if (position < left)
        node = node->left;
      else if (position == left)
        return node->annotation;
      else
        {
          position -= left + 1;
          node = node->right;
        }
    }

  return NULL;
}

static void
node_overlapping (Node      *node,
                  guint      start,
                  guint      end,
                  GPtrArray *out)
{
  while (node != NULL && node->max_end > start)
    {
      node_overlapping (node->left, start, end, out);

      /* This node and everything to its right start at or after it. */
      if (node->start >= end)
        return;
      if (node->end > start)
        g_ptr_array_add (out, node->annotation);

      node = node->right;
    }
}

void
collate_span_index_overlapping (CollateSpanIndex *self,
                                guint             start,
                                guint             end,
                                GPtrArray        *out)
{
  if (end <= start)
    end = start + 1;

  node_overlapping (self->root, start, end, out);
}

static gboolean
node_foreach (Node            *node,
              CollateSpanFunc  func,
              gpointer         user_data)
{
  while (node != NULL)
    {
      if (!node_foreach (node->left, func, user_data))
        return FALSE;
      if (!func (node->annotation, user_data))
        return FALSE;
      node = node->right;
    }

  return TRUE;
}

void
collate_span_index_foreach (CollateSpanIndex *self,
                            CollateSpanFunc   func,
                            gpointer          user_data)
{
  node_foreach (self->root, func, user_data);
}
