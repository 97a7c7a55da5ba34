/* png_writer.c: cairo image surfaces to PNG with libpng, tuned for flat-colour diagrams.
 *
 * Rows are converted one at a time from cairo's native-endian 32-bit pixels into a small buffer, so the
 * image is never copied whole. libpng reports errors by longjmp: the only setjmp is in encode(), which
 * touches nothing it would have to free, and png_write_surface frees everything on every path. libpng's
 * warnings are dropped, as its default handler would print them on stderr. */
#include "export/png_writer.h"

#include <png.h>
#include <zlib.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Measured on the corpus's widest machine (BlogOpenRequestStateMachine, 2961 x 905 px), best of 20: cairo's
 * writer (adaptive filters, zlib level 6) took 71 ms for 176 kB; no filter at level 3 takes 13 ms for
 * 164 kB. Levels 1-3 (zlib's fast matcher) cost the same and 3 is the smallest; level 4 is 16% smaller
 * but 1.8x slower. SUB and UP turn antialiased edges into noise: 15-30% larger and slower; Z_RLE doubles
 * the size. */
static const int PNG_ROW_FILTER = PNG_FILTER_NONE;
static const int PNG_ZLIB_LEVEL = 3;
static const int PNG_ZLIB_STRATEGY = Z_DEFAULT_STRATEGY;
static const size_t PNG_IDAT_BUFFER = 1 << 16; /* fewer, larger IDAT chunks than libpng's 8 kB */
/* Pixels of each strip a recording is replayed onto: 4 MB of bitmap, whatever the image's size. */
enum { PNG_STRIP_PIXELS = 1 << 20 };

/* The image as the encoder sees it: an image surface's pixels, or a recording replayed a strip at a time
 * onto a small image surface (strip, its context strip_cr, holding rows strip_top onwards). */
typedef struct png_source {
    const unsigned char *data;
    int width, height, stride;
    int alpha; /* ARGB32: write RGBA; RGB24: write RGB */
    cairo_surface_t *recording, *strip;
    cairo_t *strip_cr;
    int strip_rows, strip_top;
} png_source;

/* Row y of the image; replays the next strip of the recording when y is past the one drawn. No cairo call
 * longjmps or needs freeing here: the strip was made before encoding. */
static const uint32_t *source_row(png_source *src, int y)
{
    if (src->recording && (y < src->strip_top || y >= src->strip_top + src->strip_rows)) {
        src->strip_top = y;
        cairo_set_source_surface(src->strip_cr, src->recording, 0, -y);
        cairo_set_operator(src->strip_cr, CAIRO_OPERATOR_SOURCE);
        cairo_paint(src->strip_cr);
        cairo_surface_flush(src->strip);
    }
    int row = src->recording ? y - src->strip_top : y;
    return (const uint32_t *)(const void *)(src->data + (size_t)row * (size_t)src->stride); /* rows are 4-aligned */
}

/* What libpng's callbacks reach through their user pointers. */
typedef struct png_sink {
    strbuf *out;
    char *error;
    size_t error_size;
} png_sink;

static void on_error(png_structp png, png_const_charp message)
{
    png_sink *sink = png_get_error_ptr(png);
    snprintf(sink->error, sink->error_size, "%s", message);
    png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp message)
{
    (void)png;
    (void)message;
}

static void on_write(png_structp png, png_bytep data, size_t len)
{
    png_sink *sink = png_get_io_ptr(png);
    strbuf_put(sink->out, (const char *)data, len);
}

static void on_flush(png_structp png)
{
    (void)png;
}

/* ---- Pixels --------------------------------------------------------------------------------------- */

/* cairo pixels are 32-bit words in native byte order, 0xAARRGGBB (RGB24 leaves AA unused). */
static void rgb_row(const uint32_t *src, unsigned char *dst, int width)
{
    for (int x = 0; x < width; x++) {
        uint32_t p = src[x];
        *dst++ = (unsigned char)(p >> 16);
        *dst++ = (unsigned char)(p >> 8);
        *dst++ = (unsigned char)p;
    }
}

/* ARGB32 is premultiplied; PNG wants straight alpha. Rounds as cairo's own PNG writer does. */
static void rgba_row(const uint32_t *src, unsigned char *dst, int width)
{
    for (int x = 0; x < width; x++) {
        uint32_t p = src[x];
        unsigned a = p >> 24;
        if (a == 0) {
            memset(dst, 0, 4);
        } else if (a == 255) {
            dst[0] = (unsigned char)(p >> 16);
            dst[1] = (unsigned char)(p >> 8);
            dst[2] = (unsigned char)p;
            dst[3] = 255;
        } else {
            dst[0] = (unsigned char)((((p >> 16) & 0xff) * 255 + a / 2) / a);
            dst[1] = (unsigned char)((((p >> 8) & 0xff) * 255 + a / 2) / a);
            dst[2] = (unsigned char)(((p & 0xff) * 255 + a / 2) / a);
            dst[3] = (unsigned char)a;
        }
        dst += 4;
    }
}

/* ---- Encoding ------------------------------------------------------------------------------------- */

/* All libpng calls that may longjmp. Nothing here allocates, so the error path only returns. */
static int encode(png_structp png, png_infop info, png_source *src, unsigned char *row)
{
    if (setjmp(png_jmpbuf(png)))
        return -1;
    png_set_IHDR(png, info, (png_uint_32)src->width, (png_uint_32)src->height, 8,
                 src->alpha ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_color_16 white = {0, 255, 255, 255, 255}; /* bKGD, as cairo writes it */
    png_set_bKGD(png, info, &white);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_ROW_FILTER);
    png_set_compression_level(png, PNG_ZLIB_LEVEL);
    png_set_compression_strategy(png, PNG_ZLIB_STRATEGY);
    png_set_compression_buffer_size(png, PNG_IDAT_BUFFER);
    png_write_info(png, info);
    for (int y = 0; y < src->height; y++) {
        const uint32_t *pixels = source_row(src, y);
        if (src->alpha)
            rgba_row(pixels, row, src->width);
        else
            rgb_row(pixels, row, src->width);
        png_write_row(png, row);
    }
    png_write_end(png, info);
    return 0;
}

/* Reads s into src; a message in error when it cannot be encoded. */
static int describe(cairo_surface_t *s, png_source *src, char *error, size_t error_size)
{
    if (!s || cairo_surface_status(s) != CAIRO_STATUS_SUCCESS ||
        cairo_surface_get_type(s) != CAIRO_SURFACE_TYPE_IMAGE) {
        snprintf(error, error_size, "not a usable image surface");
        return -1;
    }
    cairo_surface_flush(s); /* pending drawing lands in the pixels */
    cairo_format_t format = cairo_image_surface_get_format(s);
    src->data = cairo_image_surface_get_data(s);
    src->width = cairo_image_surface_get_width(s);
    src->height = cairo_image_surface_get_height(s);
    src->stride = cairo_image_surface_get_stride(s);
    src->alpha = format == CAIRO_FORMAT_ARGB32;
    if (format != CAIRO_FORMAT_ARGB32 && format != CAIRO_FORMAT_RGB24) {
        snprintf(error, error_size, "unsupported pixel format %d", (int)format);
        return -1;
    }
    if (!src->data || src->width <= 0 || src->height <= 0) {
        snprintf(error, error_size, "empty image (%d x %d pixels)", src->width, src->height);
        return -1;
    }
    return 0;
}

/* Encodes src, whole, onto the end of out. */
static int write_source(png_source *src, strbuf *out, char *error, size_t error_size)
{
    png_sink sink = {out, error, error_size};
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &sink, on_error, on_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    unsigned char *row = malloc((size_t)src->width * 4);
    if (!row)
        sfn_oom();
    size_t start = out->len;
    int rc = -1;
    if (info) {
        png_set_write_fn(png, &sink, on_write, on_flush);
        rc = encode(png, info, src, row);
    } else {
        snprintf(error, error_size, "libpng could not start");
    }
    png_destroy_write_struct(png ? &png : NULL, info ? &info : NULL);
    free(row);
    if (rc != 0 && out->data) {
        out->len = start; /* no half-written image */
        out->data[start] = '\0';
    }
    return rc;
}

int png_write_surface(cairo_surface_t *s, int width, int height, strbuf *out, char *error, size_t error_size)
{
    png_source src = {0};
    if (describe(s, &src, error, error_size) != 0)
        return -1;
    if (width > 0 && width < src.width)
        src.width = width;
    if (height > 0 && height < src.height)
        src.height = height;
    return write_source(&src, out, error, error_size);
}

int png_write_recording(cairo_surface_t *recording, int width, int height, strbuf *out, char *error,
                        size_t error_size)
{
    if (!recording || cairo_surface_status(recording) != CAIRO_STATUS_SUCCESS || width <= 0 || height <= 0) {
        snprintf(error, error_size, "not a usable recording (%d x %d pixels)", width, height);
        return -1;
    }
    cairo_rectangle_t extents;
    if (cairo_recording_surface_get_extents(recording, &extents)) { /* as png_write_surface: no more than drawn */
        width = width > (int)extents.width ? (int)extents.width : width;
        height = height > (int)extents.height ? (int)extents.height : height;
    }
    if (width <= 0 || height <= 0) {
        snprintf(error, error_size, "not a usable recording (%d x %d pixels)", width, height);
        return -1;
    }
    int rows = PNG_STRIP_PIXELS / width;
    rows = rows < 1 ? 1 : rows > height ? height : rows;
    png_source src = {0};
    src.strip = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, rows);
    src.strip_cr = cairo_create(src.strip);
    int rc = -1;
    if (cairo_status(src.strip_cr) != CAIRO_STATUS_SUCCESS) {
        snprintf(error, error_size, "cannot allocate a %d x %d pixel strip", width, rows);
    } else if (describe(src.strip, &src, error, error_size) == 0) {
        src.recording = recording;
        src.width = width;
        src.height = height;
        src.strip_rows = rows;
        src.strip_top = -rows; /* nothing drawn yet */
        rc = write_source(&src, out, error, error_size);
    }
    cairo_destroy(src.strip_cr);
    cairo_surface_destroy(src.strip);
    return rc;
}
