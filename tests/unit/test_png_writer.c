/* test_png_writer.c: cairo surfaces encoded by png_writer and decoded back with libpng.
 *
 * Checks the bytes a reader relies on (signature, IHDR size and colour type), that the pixels survive the
 * round trip exactly (RGB24 as RGB; premultiplied ARGB32 as straight RGBA), that row strides wider than
 * the image are honoured, that the PNG is appended after what the buffer held, and that refused surfaces
 * leave the buffer as it was. */
#include "export/png_writer.h"
#include "test.h"

#include <cairo.h>
#include <png.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Checks the signature and IHDR of the PNG at png[0..len). */
static void check_header(const unsigned char *png, size_t len, int width, int height, int colour_type)
{
    static const unsigned char signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    CHECK(len > 33);
    if (len <= 33)
        return;
    CHECK(memcmp(png, signature, 8) == 0);
    CHECK_INT(be32(png + 8), 13);
    CHECK(memcmp(png + 12, "IHDR", 4) == 0);
    CHECK_INT(be32(png + 16), width);
    CHECK_INT(be32(png + 20), height);
    CHECK_INT(png[24], 8); /* bit depth */
    CHECK_INT(png[25], colour_type);
    CHECK_INT(png[28], 0); /* not interlaced */
}

/* Decodes png[0..len) with libpng into a new buffer of 8-bit pixels in format; NULL when it fails. */
static unsigned char *decode(const unsigned char *png, size_t len, png_uint_32 format, int *width,
                             int *height)
{
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&image, png, len))
        return NULL;
    image.format = format;
    unsigned char *pixels = malloc(PNG_IMAGE_SIZE(image));
    if (!pixels || !png_image_finish_read(&image, NULL, pixels, 0, NULL)) {
        png_image_free(&image);
        free(pixels);
        return NULL;
    }
    *width = (int)image.width;
    *height = (int)image.height;
    return pixels;
}

/* The surface's pixel (x, y) as a native-endian cairo word. */
static uint32_t pixel_at(cairo_surface_t *s, int x, int y)
{
    size_t stride = (size_t)cairo_image_surface_get_stride(s);
    const unsigned char *row = cairo_image_surface_get_data(s) + (size_t)y * stride;
    uint32_t p;
    memcpy(&p, row + 4 * (size_t)x, 4);
    return p;
}

/* An antialiased drawing on an opaque bitmap: every channel value must come back as it was. */
static void test_rgb24_round_trip(void)
{
    const int w = 37, h = 23;
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 0.95, 0.97, 1.0);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 0.8, 0.3, 0.1);
    cairo_arc(cr, 18.3, 11.7, 8.4, 0, 6.2832);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0.1, 0.4, 0.9);
    cairo_set_line_width(cr, 1.3);
    cairo_move_to(cr, 0.5, 22.2);
    cairo_line_to(cr, 36.1, 0.7);
    cairo_stroke(cr);
    cairo_destroy(cr);

    strbuf out;
    strbuf_init(&out);
    char error[128] = "";
    CHECK_INT(png_write_surface(s, 0, 0, &out, error, sizeof error), 0);
    CHECK_STR(error, "");
    check_header((const unsigned char *)out.data, out.len, w, h, PNG_COLOR_TYPE_RGB);

    int dw = 0, dh = 0;
    unsigned char *rgb = decode((const unsigned char *)out.data, out.len, PNG_FORMAT_RGB, &dw, &dh);
    CHECK(rgb != NULL);
    CHECK_INT(dw, w);
    CHECK_INT(dh, h);
    int mismatches = 0;
    for (int y = 0; rgb && y < h; y++)
        for (int x = 0; x < w; x++) {
            uint32_t p = pixel_at(s, x, y);
            const unsigned char *q = rgb + 3 * ((size_t)y * (size_t)w + (size_t)x);
            mismatches += q[0] != (p >> 16 & 0xff) || q[1] != (p >> 8 & 0xff) || q[2] != (p & 0xff);
        }
    CHECK_INT(mismatches, 0);
    free(rgb);
    strbuf_free(&out);
    cairo_surface_destroy(s);
}

/* Premultiplied ARGB32 in a buffer whose rows are wider than the image: written as straight RGBA. */
static void test_argb32_unpremultiplied(void)
{
    enum { W = 3, H = 2, STRIDE = W * 4 + 16 };
    static const uint32_t premultiplied[H][W] = {
        {0xff102030, 0x80402010, 0x00000000}, /* opaque; half alpha: 0x40 -> 0x80 and so on; transparent */
        {0x01010000, 0x40400000, 0xc0c0c0c0}, /* red at alpha 1, and a quarter; white at three quarters */
    };
    static const unsigned char expected[H][W][4] = {
        {{0x10, 0x20, 0x30, 0xff}, {0x80, 0x40, 0x20, 0x80}, {0, 0, 0, 0}},
        {{0xff, 0, 0, 0x01}, {0xff, 0, 0, 0x40}, {0xff, 0xff, 0xff, 0xc0}},
    };
    unsigned char data[H * STRIDE];
    memset(data, 0xee, sizeof data); /* the padding must never reach the image */
    for (int y = 0; y < H; y++)
        memcpy(data + y * STRIDE, premultiplied[y], sizeof premultiplied[y]);
    cairo_surface_t *s = cairo_image_surface_create_for_data(data, CAIRO_FORMAT_ARGB32, W, H, STRIDE);

    strbuf out;
    strbuf_init(&out);
    char error[128] = "";
    CHECK_INT(png_write_surface(s, 0, 0, &out, error, sizeof error), 0);
    check_header((const unsigned char *)out.data, out.len, W, H, PNG_COLOR_TYPE_RGB_ALPHA);
    int dw = 0, dh = 0;
    unsigned char *rgba = decode((const unsigned char *)out.data, out.len, PNG_FORMAT_RGBA, &dw, &dh);
    CHECK(rgba != NULL);
    CHECK_INT(dw, W);
    CHECK_INT(dh, H);
    if (rgba)
        CHECK(memcmp(rgba, expected, sizeof expected) == 0);
    free(rgba);
    strbuf_free(&out);
    cairo_surface_destroy(s);
}

/* The PNG goes after what the buffer already held. */
static void test_appends(void)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 2, 2);
    strbuf out;
    strbuf_init(&out);
    strbuf_puts(&out, "head");
    char error[128];
    CHECK_INT(png_write_surface(s, 0, 0, &out, error, sizeof error), 0);
    CHECK(out.len > 4 + 33);
    CHECK(memcmp(out.data, "head", 4) == 0);
    check_header((const unsigned char *)out.data + 4, out.len - 4, 2, 2, PNG_COLOR_TYPE_RGB);
    strbuf_free(&out);
    cairo_surface_destroy(s);
}

/* Refused surfaces: an error message, and the buffer as it was. */
static void check_refused(cairo_surface_t *s, const char *message)
{
    strbuf out;
    strbuf_init(&out);
    strbuf_puts(&out, "kept");
    char error[128] = "";
    CHECK_INT(png_write_surface(s, 0, 0, &out, error, sizeof error), -1);
    CHECK_STR(error, message);
    CHECK_INT(out.len, 4);
    CHECK_STR(strbuf_cstr(&out), "kept");
    strbuf_free(&out);
}

static void test_refused(void)
{
    cairo_surface_t *a8 = cairo_image_surface_create(CAIRO_FORMAT_A8, 4, 4);
    check_refused(a8, "unsupported pixel format 2");
    cairo_surface_destroy(a8);

    cairo_surface_t *broken = cairo_image_surface_create(CAIRO_FORMAT_RGB24, -1, 4); /* an error surface */
    check_refused(broken, "not a usable image surface");
    cairo_surface_destroy(broken);

    cairo_surface_t *empty = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 0, 0);
    check_refused(empty, "empty image (0 x 0 pixels)");
    cairo_surface_destroy(empty);

    check_refused(NULL, "not a usable image surface");
}

/* A region: the top-left pixels only; a region larger than the surface is the whole surface. */
static void test_region(void)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 10, 8);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 0, 0);
    cairo_paint(cr);
    cairo_destroy(cr);
    strbuf out;
    strbuf_init(&out);
    char error[128] = "";
    CHECK_INT(png_write_surface(s, 4, 3, &out, error, sizeof error), 0);
    check_header((const unsigned char *)out.data, out.len, 4, 3, PNG_COLOR_TYPE_RGB);
    int dw = 0, dh = 0;
    unsigned char *rgb = decode((const unsigned char *)out.data, out.len, PNG_FORMAT_RGB, &dw, &dh);
    CHECK(rgb && dw == 4 && dh == 3 && rgb[0] == 255 && rgb[1] == 0 && rgb[3 * 11] == 255);
    free(rgb);
    out.len = 0;
    CHECK_INT(png_write_surface(s, 50, 50, &out, error, sizeof error), 0);
    check_header((const unsigned char *)out.data, out.len, 10, 8, PNG_COLOR_TYPE_RGB);
    strbuf_free(&out);
    cairo_surface_destroy(s);
}

/* Bands of colour and a diagonal line across a 2048 x 1500 drawing: several strips of the recording. */
static void draw_bands(cairo_t *cr)
{
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    for (int i = 0; i < 30; i++) {
        cairo_set_source_rgb(cr, (i % 3) / 2.0, (i % 5) / 4.0, (i % 7) / 6.0);
        cairo_rectangle(cr, 10 + i * 60, i * 50 + 3, 45, 37);
        cairo_fill(cr);
    }
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_line_width(cr, 3);
    cairo_move_to(cr, 0, 0);
    cairo_line_to(cr, 2048, 1500);
    cairo_stroke(cr);
}

/* A recording replayed in strips encodes the same pixels as the bitmap drawn at once. */
static void test_recording_in_strips(void)
{
    enum { W = 2048, H = 1500 };
    cairo_surface_t *bitmap = cairo_image_surface_create(CAIRO_FORMAT_RGB24, W, H);
    cairo_t *cr = cairo_create(bitmap);
    draw_bands(cr);
    cairo_destroy(cr);
    cairo_rectangle_t extents = {0, 0, W, H};
    cairo_surface_t *rec = cairo_recording_surface_create(CAIRO_CONTENT_COLOR, &extents);
    cr = cairo_create(rec);
    draw_bands(cr);
    cairo_destroy(cr);
    strbuf a, b;
    strbuf_init(&a);
    strbuf_init(&b);
    char error[128] = "";
    CHECK_INT(png_write_surface(bitmap, 0, 0, &a, error, sizeof error), 0);
    CHECK_INT(png_write_recording(rec, W, H, &b, error, sizeof error), 0);
    check_header((const unsigned char *)b.data, b.len, W, H, PNG_COLOR_TYPE_RGB);
    int aw = 0, ah = 0, bw = 0, bh = 0;
    unsigned char *pa = decode((const unsigned char *)a.data, a.len, PNG_FORMAT_RGB, &aw, &ah);
    unsigned char *pb = decode((const unsigned char *)b.data, b.len, PNG_FORMAT_RGB, &bw, &bh);
    CHECK(pa && pb && aw == bw && ah == bh && memcmp(pa, pb, (size_t)W * H * 3) == 0);
    free(pa);
    free(pb);
    b.len = 0;
    CHECK_INT(png_write_recording(rec, W + 100, H + 7, &b, error, sizeof error), 0); /* no more than drawn */
    check_header((const unsigned char *)b.data, b.len, W, H, PNG_COLOR_TYPE_RGB);
    b.len = 0;
    CHECK_INT(png_write_recording(rec, 0, H, &b, error, sizeof error), -1);
    CHECK(strstr(error, "not a usable recording") != NULL);
    CHECK_INT(b.len, 0);
    strbuf_free(&a);
    strbuf_free(&b);
    cairo_surface_destroy(rec);
    cairo_surface_destroy(bitmap);
}

int main(void)
{
    test_region();
    test_recording_in_strips();
    test_rgb24_round_trip();
    test_argb32_unpremultiplied();
    test_appends();
    test_refused();
    return test_report();
}
