/* text_writer.h: lines fitted to a width, for the text summary.
 *
 * A line is a prefix (tree guides, an indent) and then units, each placed whole: when a unit does not fit
 * what is left of the line, the line breaks before it and goes on after the continuation prefix. A unit is
 * one or more pieces, each in a style (an ANSI colour when colour is on); text from the user's file is
 * escaped before it is measured (display.h), so a state name is never cut and never drives the terminal. */
#ifndef SFNVIZ_SUMMARY_TEXT_WRITER_H
#define SFNVIZ_SUMMARY_TEXT_WRITER_H

#include "base/arena.h"

#include <stdbool.h>

typedef enum style {
    ST_PLAIN,
    ST_ID,      /* the machine's ID */
    ST_NAME,    /* a state's name in its own row */
    ST_LABEL,   /* header and list labels, "default", "end" */
    ST_GUIDE,   /* tree guides and arrows */
    ST_CATCH,
    ST_RETRY,
    ST_MISSING, /* a target that names no state, a missing Next */
    ST_WARN,    /* "not reached from StartAt" */
    ST_TASK,
    ST_CHOICE,
    ST_GROUP,   /* Parallel, Map */
    ST_WAIT,
    ST_PASS,
    ST_SUCCEED,
    ST_FAIL,
} style;

typedef struct text_writer {
    strbuf *out;
    bool color;
    unsigned width;
    unsigned col;     /* the column the line has reached */
    unsigned pending; /* spaces owed before the next unit (dropped at a break) */
    unsigned fallback;/* fewer spaces that will do when the next unit does not fit after `pending` */
    bool fresh;       /* nothing but the prefix on the line yet */
    strbuf cont;      /* the continuation prefix */
    unsigned cont_width;
    strbuf unit;      /* the unit being made */
    unsigned unit_width;
    strbuf scratch;
    style open;       /* the colour in effect on the line (ST_PLAIN: none), so that words of one style
                       * share one escape sequence */
} text_writer;

void tw_init(text_writer *w, strbuf *out, bool color, unsigned width);
void tw_free(text_writer *w);

/* Starts a line with prefix (our own text, no user text) of the given width; wrapped parts of the line
 * start after cont (same rules). */
void tw_line(text_writer *w, const char *prefix, unsigned prefix_width, const char *cont, unsigned cont_width);
/* Ends the line. */
void tw_end(text_writer *w);

/* Adds a piece to the current unit; user text is escaped. */
void tw_piece(text_writer *w, const char *s, style st, bool user);
/* Places the current unit on the line (after the spaces owed). */
void tw_place(text_writer *w);
/* A unit of one piece. */
void tw_unit(text_writer *w, const char *s, style st, bool user);
/* Text that may break between its words: each word a unit, the spaces between them owed. */
void tw_words(text_writer *w, const char *s, style st, bool user);
/* Owes spaces up to column `col`, at least `min`; nothing at the start of a line. When the next unit does
 * not fit at `col`, it goes `min` spaces on if it fits there, else on the next line. */
void tw_gap_to(text_writer *w, unsigned col, unsigned min);
void tw_space(text_writer *w, unsigned n);

/* The width text takes once escaped (user) or as it is. */
unsigned tw_width(text_writer *w, const char *s, bool user);

/* Appends n spaces. */
void put_spaces(strbuf *buf, unsigned n);

/* Appends s in style st to buf, in colour when the writer is: for prefixes. */
void tw_styled(const text_writer *w, strbuf *buf, const char *s, style st);

#endif
