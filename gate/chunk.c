/*
 * Strict incremental decoder for chunked bodies (RFC 7230 §4.1 subset).
 *
 * Used on client request bodies and on dockerd's chunked responses.  Go
 * accepts chunk extensions, bare LF and trailer fields; we refuse them, so
 * a body decodes the same way here and in any other reader.  The decoder
 * keeps its whole state in struct chunk_decoder, so input may arrive in
 * pieces of any size, down to one byte.
 */
#include "http_parse.h"

#include <string.h>

#define CHUNK_MAX_SIZE_DIGITS 16 /* hex digits: exactly fills uint64_t */

enum chunk_state {
	CS_SIZE = 0,   /* hex digits of a chunk size */
	CS_SIZE_LF,    /* LF after the size's CR */
	CS_DATA,       /* `remaining` payload bytes */
	CS_DATA_CR,    /* CR after the payload */
	CS_DATA_LF,    /* LF after the payload */
	CS_TRAILER_CR, /* the empty trailer after the last chunk */
	CS_TRAILER_LF,
	CS_DONE,
	CS_ERROR
};

void chunk_decoder_init(struct chunk_decoder *d)
{
	memset(d, 0, sizeof(*d));
	d->state = CS_SIZE;
}

static int hex_value(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* A byte of the chunk-size line. */
static int size_byte(struct chunk_decoder *d, unsigned char c)
{
	int v = hex_value(c);

	if (v >= 0) {
		/* fail closed: more digits than fit in 64 bits */
		if (d->digits == CHUNK_MAX_SIZE_DIGITS)
			return CHUNK_ERROR;
		d->remaining = (d->remaining << 4) | (uint64_t)v;
		d->digits++;
		return CHUNK_NEED_MORE;
	}
	/* fail closed: extensions (';'), blanks, bare LF, empty size */
	if (c != '\r' || d->digits == 0)
		return CHUNK_ERROR;
	d->state = CS_SIZE_LF;
	return CHUNK_NEED_MORE;
}

/* The LF that ends a size line: start the payload or the trailer. */
static int size_end(struct chunk_decoder *d)
{
	if (d->remaining == 0) {
		d->state = CS_TRAILER_CR;
		return CHUNK_NEED_MORE;
	}
	/* fail closed: the body's total length would overflow */
	if (d->remaining > UINT64_MAX - d->total)
		return CHUNK_ERROR;
	d->state = CS_DATA;
	return CHUNK_NEED_MORE;
}

/* One framing byte (anything but payload). */
static int framing_byte(struct chunk_decoder *d, unsigned char c)
{
	switch (d->state) {
	case CS_SIZE:
		return size_byte(d, c);
	case CS_SIZE_LF:
		return c == '\n' ? size_end(d) : CHUNK_ERROR;
	case CS_DATA_CR:
		/* fail closed: payload longer than its size */
		if (c != '\r')
			return CHUNK_ERROR;
		d->state = CS_DATA_LF;
		return CHUNK_NEED_MORE;
	case CS_DATA_LF:
		if (c != '\n')
			return CHUNK_ERROR;
		d->state = CS_SIZE;
		d->digits = 0;
		d->remaining = 0;
		return CHUNK_NEED_MORE;
	case CS_TRAILER_CR:
		/* fail closed: trailer fields (they could carry headers) */
		if (c != '\r')
			return CHUNK_ERROR;
		d->state = CS_TRAILER_LF;
		return CHUNK_NEED_MORE;
	case CS_TRAILER_LF:
		if (c != '\n')
			return CHUNK_ERROR;
		d->state = CS_DONE;
		return CHUNK_DONE;
	default:
		return CHUNK_ERROR;
	}
}

/* Hands out as much of the current chunk's payload as `in` holds. */
static int payload(struct chunk_decoder *d, const char *in, size_t len,
		   const char **data, size_t *data_len)
{
	size_t n = len;

	if ((uint64_t)n > d->remaining)
		n = (size_t)d->remaining;
	d->remaining -= n;
	d->total += n;
	if (d->remaining == 0)
		d->state = CS_DATA_CR;
	*data = in;
	*data_len = n;
	return CHUNK_DATA;
}

/*
 * On CHUNK_ERROR, *used is the offset of the offending byte; the error is
 * sticky.  After CHUNK_DONE, further calls consume nothing.
 */
int chunk_decode(struct chunk_decoder *d, const char *in, size_t len,
		 size_t *used, const char **data, size_t *data_len)
{
	size_t i;

	*data = NULL;
	*data_len = 0;
	*used = 0;
	if (d->state == CS_ERROR)
		return CHUNK_ERROR;
	if (d->state == CS_DONE)
		return CHUNK_DONE;
	for (i = 0; i < len; i++) {
		int rc;

		if (d->state == CS_DATA) {
			rc = payload(d, in + i, len - i, data, data_len);
			*used = i + *data_len;
			return rc;
		}
		rc = framing_byte(d, (unsigned char)in[i]);
		if (rc == CHUNK_ERROR) {
			d->state = CS_ERROR;
			*used = i;
			return CHUNK_ERROR;
		}
		if (rc == CHUNK_DONE) {
			*used = i + 1;
			return CHUNK_DONE;
		}
	}
	*used = len;
	return CHUNK_NEED_MORE;
}
