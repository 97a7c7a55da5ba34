/* png_writer.h: a cairo image surface encoded as PNG with libpng, into a strbuf.
 *
 * cairo's own cairo_surface_write_to_png_stream uses libpng's defaults (adaptive row filters, zlib level 6),
 * which took 92% of a wide diagram's run. Diagrams are flat colour with long runs, so no filter and a fast
 * zlib level give a file of about the same size in a fifth of the time. */
#ifndef SFNVIZ_PNG_WRITER_H
#define SFNVIZ_PNG_WRITER_H

#include "base/arena.h"

#include <cairo.h>

#include <stddef.h>

/* Appends the top-left width x height pixels of image surface s (the whole surface when either is 0 or
 * larger than it) to out as an 8-bit PNG: RGB for CAIRO_FORMAT_RGB24, RGBA (un-premultiplied) for
 * CAIRO_FORMAT_ARGB32. Returns 0, or -1 with a NUL-terminated message in error[0..error_size) and out as
 * it was before the call. */
int png_write_surface(cairo_surface_t *s, int width, int height, strbuf *out, char *error, size_t error_size);

/* The same for a recording surface of a width x height pixel image, made opaque (RGB): it is replayed a strip
 * of rows at a time onto a small bitmap, so memory stays the same whatever the image's size. */
int png_write_recording(cairo_surface_t *recording, int width, int height, strbuf *out, char *error,
                        size_t error_size);

#endif
