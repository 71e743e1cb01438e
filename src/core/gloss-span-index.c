/* gloss-span-index.c: interval index over a document's annotation fragments
 *
 * Copyright 2026 The Gloss authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Gloss"

#include "config.h"

#include "gloss-span-index.h"
#include "gloss-span-index-private.h"

/* An AVL tree whose nodes live in one growing array and refer to each other
 * by 32-bit index, which keeps a node at 32 bytes with no per-node malloc
 * overhead. Index 0 is a sentinel standing for "no node": its height and
 * max_end are 0, so the helpers need no NULL checks. Freed nodes are chained
 * through their left field and reused first. */

#define NIL 0
#define MIN_NODES 16

/* Up to this many results, query_range_unique() looks for duplicates by a
 * linear scan rather than in a hash table. */
#define UNIQUE_LINEAR_MAX 32

typedef struct
{
  gpointer data;     /* borrowed */
  guint    start;
  guint    end;
  guint    max_end;  /* largest effective end in this subtree */
  guint    left;
  guint    right;
  guint    height;   /* 1 for a leaf */
} Node;

struct _GlossSpanIndex
{
  Node  *nodes;      /* owned, n_alloc entries; nodes[0] is the sentinel */
  guint  n_alloc;
  guint  n_used;     /* nodes[0 .. n_used) have been handed out at least once */
  guint  free_list;  /* chain of freed nodes, through Node.left */
  guint  root;
  guint  size;
};

typedef struct
{
  GPtrArray  *out;
  guint       first;  /* index in out of the first result of this query */
  gboolean    unique;
  GHashTable *seen;   /* owned, created when the results outgrow a linear scan */
} Collector;

#define N(self, i) (&(self)->nodes[(i)])

/* Queries treat an empty interval as [start, start + 1). */
static inline guint
effective_end (guint start,
               guint end)
{
  if (end > start)
    return end;

  return start < G_MAXUINT ? start + 1 : G_MAXUINT;
}

static inline int
compare_key (guint        start,
             guint        end,
             gpointer     data,
             const Node  *node)
{
  if (start != node->start)
    return start < node->start ? -1 : 1;
  if (end != node->end)
    return end < node->end ? -1 : 1;
  if (data != node->data)
    return GPOINTER_TO_SIZE (data) < GPOINTER_TO_SIZE (node->data) ? -1 : 1;
  return 0;
}

static void
reset_pool (GlossSpanIndex *self)
{
  g_free (self->nodes);
  self->nodes = g_new0 (Node, MIN_NODES);
  self->n_alloc = MIN_NODES;
  self->n_used = 1;
  self->free_list = NIL;
  self->root = NIL;
  self->size = 0;
}

static guint
alloc_node (GlossSpanIndex *self,
            guint           start,
            guint           end,
            gpointer        data)
{
  Node *node;
  guint i;

  if (self->free_list != NIL)
    {
      i = self->free_list;
      self->free_list = N (self, i)->left;
    }
  else
    {
      if (self->n_used == self->n_alloc)
        {
          if (self->n_alloc > G_MAXUINT / 2)
            g_error ("GlossSpanIndex: too many entries");
          self->n_alloc *= 2;
          self->nodes = g_renew (Node, self->nodes, self->n_alloc);
        }
      i = self->n_used++;
    }

  node = N (self, i);
  node->data = data;
  node->start = start;
  node->end = end;
  node->max_end = effective_end (start, end);
  node->left = NIL;
  node->right = NIL;
  node->height = 1;

  return i;
}

static void
free_node (GlossSpanIndex *self,
           guint           i)
{
  Node *node = N (self, i);

  node->data = NULL;
  node->left = self->free_list;
  node->right = NIL;
  node->height = 0;
  self->free_list = i;
}

static inline void
update (GlossSpanIndex *self,
        guint           i)
{
  Node *node = N (self, i);
  const Node *l = N (self, node->left);
  const Node *r = N (self, node->right);

  node->height = 1 + MAX (l->height, r->height);
  node->max_end = MAX (effective_end (node->start, node->end), MAX (l->max_end, r->max_end));
}

static guint
rotate_right (GlossSpanIndex *self,
              guint           t)
{
  guint l = N (self, t)->left;

  N (self, t)->left = N (self, l)->right;
  N (self, l)->right = t;
  update (self, t);
  update (self, l);

  return l;
}

static guint
rotate_left (GlossSpanIndex *self,
             guint           t)
{
  guint r = N (self, t)->right;

  N (self, t)->right = N (self, r)->left;
  N (self, r)->left = t;
  update (self, t);
  update (self, r);

  return r;
}

/* Restores the AVL balance and the augmentation at @t, whose subtrees are
 * valid and differ in height by at most 2. Returns the new subtree root. */
static guint
rebalance (GlossSpanIndex *self,
           guint           t)
{
  Node *node = N (self, t);
  int balance = (int) N (self, node->left)->height - (int) N (self, node->right)->height;

  if (balance > 1)
    {
      guint l = node->left;

      if (N (self, N (self, l)->left)->height < N (self, N (self, l)->right)->height)
        node->left = rotate_left (self, l);
      return rotate_right (self, t);
    }

  if (balance < -1)
    {
      guint r = node->right;

      if (N (self, N (self, r)->right)->height < N (self, N (self, r)->left)->height)
        node->right = rotate_right (self, r);
      return rotate_left (self, t);
    }

  update (self, t);

  return t;
}

/* Inserts node @n below @t; sets @inserted to FALSE when an equal key is
 * already there. Nodes are never reallocated here: @n was allocated before. */
static guint
insert_node (GlossSpanIndex *self,
             guint           t,
             guint           n,
             gboolean       *inserted)
{
  const Node *key = N (self, n);
  guint child;
  int cmp;

  if (t == NIL)
    {
      *inserted = TRUE;
      return n;
    }

  cmp = compare_key (key->start, key->end, key->data, N (self, t));
  if (cmp == 0)
    {
      *inserted = FALSE;
      return t;
    }

  if (cmp < 0)
    {
      child = insert_node (self, N (self, t)->left, n, inserted);
      N (self, t)->left = child;
    }
  else
    {
      child = insert_node (self, N (self, t)->right, n, inserted);
      N (self, t)->right = child;
    }

  if (!*inserted)
    return t;

  return rebalance (self, t);
}

/* Unlinks the leftmost node of @t into @min; returns the new subtree root. */
static guint
remove_min (GlossSpanIndex *self,
            guint           t,
            guint          *min)
{
  guint child;

  if (N (self, t)->left == NIL)
    {
      *min = t;
      return N (self, t)->right;
    }

  child = remove_min (self, N (self, t)->left, min);
  N (self, t)->left = child;

  return rebalance (self, t);
}

/* Unlinks the node with the given key into @removed (left NIL when there is
 * none); returns the new subtree root. */
static guint
remove_node (GlossSpanIndex *self,
             guint           t,
             guint           start,
             guint           end,
             gpointer        data,
             guint          *removed)
{
  guint child;
  int cmp;

  if (t == NIL)
    return NIL;

  cmp = compare_key (start, end, data, N (self, t));

  if (cmp < 0)
    {
      child = remove_node (self, N (self, t)->left, start, end, data, removed);
      N (self, t)->left = child;
    }
  else if (cmp > 0)
    {
      child = remove_node (self, N (self, t)->right, start, end, data, removed);
      N (self, t)->right = child;
    }
  else
    {
      guint l = N (self, t)->left;
      guint r = N (self, t)->right;
      guint min;

      *removed = t;

      if (l == NIL)
        return r;
      if (r == NIL)
        return l;

      r = remove_min (self, r, &min);
      N (self, min)->left = l;
      N (self, min)->right = r;

      return rebalance (self, min);
    }

  if (*removed == NIL)
    return t;

  return rebalance (self, t);
}

static void
collector_add (Collector *collector,
               gpointer   data)
{
  GPtrArray *out = collector->out;

  if (collector->unique)
    {
      if (collector->seen != NULL)
        {
          if (!g_hash_table_add (collector->seen, data))
            return;
        }
      else
        {
          guint n = out->len - collector->first;

          for (guint i = collector->first; i < out->len; i++)
            if (out->pdata[i] == data)
              return;

          if (n + 1 > UNIQUE_LINEAR_MAX)
            {
              collector->seen = g_hash_table_new (NULL, NULL);
              for (guint i = collector->first; i < out->len; i++)
                g_hash_table_add (collector->seen, out->pdata[i]);
              g_hash_table_add (collector->seen, data);
            }
        }
    }

  g_ptr_array_add (out, data);
}

/* Appends, in order, the data of every entry under @t with
 * start < @qe and effective end > @qs. */
static void
collect (GlossSpanIndex *self,
         guint           t,
         guint           qs,
         guint64         qe,
         Collector      *collector)
{
  while (t != NIL)
    {
      const Node *node = N (self, t);

      /* Nothing in this subtree reaches past qs. */
      if (node->max_end <= qs)
        return;

      collect (self, node->left, qs, qe, collector);

      /* This node and all its right subtree start at or after qe. */
      if (node->start >= qe)
        return;

      if (effective_end (node->start, node->end) > qs)
        collector_add (collector, node->data);

      t = node->right;
    }
}

static void
query (GlossSpanIndex *self,
       guint           start,
       guint           end,
       gboolean        unique,
       GPtrArray      *out)
{
  Collector collector = { out, out->len, unique, NULL };
  guint64 qe;

  /* An empty query range is a point query, like an empty entry. */
  qe = end > start ? (guint64) end : (guint64) start + 1;

  collect (self, self->root, start, qe, &collector);

  g_clear_pointer (&collector.seen, g_hash_table_unref);
}

static gboolean
foreach_node (GlossSpanIndex     *self,
              guint               t,
              GlossSpanIndexFunc  func,
              gpointer            user_data)
{
  while (t != NIL)
    {
      const Node *node = N (self, t);

      if (!foreach_node (self, node->left, func, user_data))
        return FALSE;
      if (!func (node->start, node->end, node->data, user_data))
        return FALSE;

      t = node->right;
    }

  return TRUE;
}

typedef struct
{
  const Node *prev;
  guint       count;
  gboolean    ok;
} CheckState;

static guint
check_node (GlossSpanIndex *self,
            guint           t,
            CheckState     *state)
{
  const Node *node;
  guint lh;
  guint rh;
  guint max_end;

  if (t == NIL || !state->ok)
    return 0;

  if (t >= self->n_used)
    {
      g_debug ("span index: node %u out of the pool", t);
      state->ok = FALSE;
      return 0;
    }

  node = N (self, t);

  /* Bound the walk if the links form a cycle. */
  if (++state->count > self->size)
    {
      g_debug ("span index: more nodes in the tree than entries (%u)", self->size);
      state->ok = FALSE;
      return 0;
    }

  lh = check_node (self, node->left, state);
  if (!state->ok)
    return 0;

  if (node->end < node->start)
    {
      g_debug ("span index: node %u has end %u < start %u", t, node->end, node->start);
      state->ok = FALSE;
      return 0;
    }

  if (state->prev != NULL &&
      compare_key (state->prev->start, state->prev->end, state->prev->data, node) >= 0)
    {
      g_debug ("span index: node %u [%u, %u) out of order", t, node->start, node->end);
      state->ok = FALSE;
      return 0;
    }
  state->prev = node;

  rh = check_node (self, node->right, state);
  if (!state->ok)
    return 0;

  if (lh > rh + 1 || rh > lh + 1)
    {
      g_debug ("span index: node %u unbalanced (%u vs %u)", t, lh, rh);
      state->ok = FALSE;
      return 0;
    }

  if (node->height != 1 + MAX (lh, rh))
    {
      g_debug ("span index: node %u has height %u, not %u", t, node->height, 1 + MAX (lh, rh));
      state->ok = FALSE;
      return 0;
    }

  max_end = MAX (effective_end (node->start, node->end),
                 MAX (N (self, node->left)->max_end, N (self, node->right)->max_end));
  if (node->max_end != max_end)
    {
      g_debug ("span index: node %u has max_end %u, not %u", t, node->max_end, max_end);
      state->ok = FALSE;
      return 0;
    }

  return node->height;
}

/**
 * gloss_span_index_new:
 *
 * Returns: (transfer full): a new empty index
 */
GlossSpanIndex *
gloss_span_index_new (void)
{
  GlossSpanIndex *self = g_new0 (GlossSpanIndex, 1);

  reset_pool (self);

  return self;
}

void
gloss_span_index_free (GlossSpanIndex *index)
{
  if (index == NULL)
    return;

  g_clear_pointer (&index->nodes, g_free);
  g_free (index);
}

guint
gloss_span_index_get_size (GlossSpanIndex *index)
{
  g_return_val_if_fail (index != NULL, 0);

  return index->size;
}

void
gloss_span_index_clear (GlossSpanIndex *index)
{
  g_return_if_fail (index != NULL);

  reset_pool (index);
}

gboolean
gloss_span_index_insert (GlossSpanIndex *index,
                         guint           start,
                         guint           end,
                         gpointer        data)
{
  gboolean inserted = FALSE;
  guint n;

  g_return_val_if_fail (index != NULL, FALSE);
  g_return_val_if_fail (start <= end, FALSE);

  /* Allocate first: the array may move, and must not while descending. */
  n = alloc_node (index, start, end, data);
  index->root = insert_node (index, index->root, n, &inserted);

  if (!inserted)
    {
      free_node (index, n);
      return FALSE;
    }

  index->size++;

  return TRUE;
}

gboolean
gloss_span_index_remove (GlossSpanIndex *index,
                         guint           start,
                         guint           end,
                         gpointer        data)
{
  guint removed = NIL;

  g_return_val_if_fail (index != NULL, FALSE);

  index->root = remove_node (index, index->root, start, end, data, &removed);

  if (removed == NIL)
    return FALSE;

  free_node (index, removed);
  index->size--;

  /* Give the memory back once the index is empty. */
  if (index->size == 0 && index->n_alloc > MIN_NODES)
    reset_pool (index);

  return TRUE;
}

gboolean
gloss_span_index_contains (GlossSpanIndex *index,
                           guint           start,
                           guint           end,
                           gpointer        data)
{
  guint t;

  g_return_val_if_fail (index != NULL, FALSE);

  t = index->root;
  while (t != NIL)
    {
      int cmp = compare_key (start, end, data, N (index, t));

      if (cmp == 0)
        return TRUE;

      t = cmp < 0 ? N (index, t)->left : N (index, t)->right;
    }

  return FALSE;
}

void
gloss_span_index_query_point (GlossSpanIndex *index,
                              guint           offset,
                              GPtrArray      *out)
{
  g_return_if_fail (index != NULL);
  g_return_if_fail (out != NULL);

  query (index, offset, offset, FALSE, out);
}

void
gloss_span_index_query_range (GlossSpanIndex *index,
                              guint           start,
                              guint           end,
                              GPtrArray      *out)
{
  g_return_if_fail (index != NULL);
  g_return_if_fail (start <= end);
  g_return_if_fail (out != NULL);

  query (index, start, end, FALSE, out);
}

void
gloss_span_index_query_range_unique (GlossSpanIndex *index,
                                     guint           start,
                                     guint           end,
                                     GPtrArray      *out)
{
  g_return_if_fail (index != NULL);
  g_return_if_fail (start <= end);
  g_return_if_fail (out != NULL);

  query (index, start, end, TRUE, out);
}

void
gloss_span_index_foreach (GlossSpanIndex     *index,
                          GlossSpanIndexFunc  func,
                          gpointer            user_data)
{
  g_return_if_fail (index != NULL);
  g_return_if_fail (func != NULL);

  foreach_node (index, index->root, func, user_data);
}

gboolean
_gloss_span_index_check (GlossSpanIndex *index)
{
  CheckState state = { NULL, 0, TRUE };
  guint n_free = 0;
  const Node *sentinel;

  g_return_val_if_fail (index != NULL, FALSE);

  sentinel = N (index, NIL);
  if (sentinel->height != 0 || sentinel->max_end != 0 ||
      sentinel->left != NIL || sentinel->right != NIL)
    {
      g_debug ("span index: the sentinel node was written to");
      return FALSE;
    }

  check_node (index, index->root, &state);
  if (!state.ok)
    return FALSE;

  if (state.count != index->size)
    {
      g_debug ("span index: %u nodes in the tree but size is %u", state.count, index->size);
      return FALSE;
    }

  for (guint i = index->free_list; i != NIL; i = N (index, i)->left)
    {
      if (i >= index->n_used || ++n_free > index->n_used)
        {
          g_debug ("span index: broken free list");
          return FALSE;
        }
    }

  if (n_free + index->size + 1 != index->n_used)
    {
      g_debug ("span index: %u free + %u used nodes, but %u handed out",
               n_free, index->size, index->n_used - 1);
      return FALSE;
    }

  return TRUE;
}

guint
_gloss_span_index_get_height (GlossSpanIndex *index)
{
  g_return_val_if_fail (index != NULL, 0);

  return N (index, index->root)->height;
}
