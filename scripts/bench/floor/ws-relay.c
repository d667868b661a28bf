/*
 * What a relay core in C could do at best here: the question a bridge whose
 * data path left JavaScript has to answer. WebSocket (RFC 6455, binary
 * messages) on one side, TCP on the other, nothing else: no protocol, no
 * acks, no times, no checks, no limits. Blocking sockets, one client at a
 * time; every read from the server leaves as one binary message, as
 * websockify sends them. Listens on 127.0.0.1, prints its port, relays to
 * 127.0.0.1:TARGET_PORT. Built and run by floor/relays.ts for the bench only.
 */
#include <poll.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <sys/uio.h>

#include "floor-relay.h"

/* The largest message each way; the bench's are a few dozen bytes. */
#define MAX_MESSAGE 65535
#define MAX_FRAME_HEAD 14

static uint32_t rotate(uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }

/* SHA-1 (FIPS 180-4): the handshake's accept key needs it, nothing else does. */
static void sha1(const unsigned char *message, size_t length, unsigned char digest[20]) {
  uint32_t h[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
  size_t total = ((length + 8) / 64 + 1) * 64;
  for (size_t offset = 0; offset < total; offset += 64) {
    unsigned char block[64];
    for (size_t i = 0; i < 64; i++) {
      size_t at = offset + i;
      block[i] = at < length ? message[at] : at == length ? 0x80 : 0;
    }
    if (offset + 64 == total) {
      uint64_t bits = (uint64_t)length * 8;
      for (int i = 0; i < 8; i++) block[63 - i] = (unsigned char)(bits >> (8 * i));
    }
    uint32_t w[80];
    for (int i = 0; i < 16; i++) {
      w[i] = (uint32_t)block[4 * i] << 24 | (uint32_t)block[4 * i + 1] << 16 |
             (uint32_t)block[4 * i + 2] << 8 | block[4 * i + 3];
    }
    for (int i = 16; i < 80; i++) w[i] = rotate(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
    for (int i = 0; i < 80; i++) {
      uint32_t f, k;
      if (i < 20) {
        f = (b & c) | (~b & d);
        k = 0x5A827999;
      } else if (i < 40) {
        f = b ^ c ^ d;
        k = 0x6ED9EBA1;
      } else if (i < 60) {
        f = (b & c) | (b & d) | (c & d);
        k = 0x8F1BBCDC;
      } else {
        f = b ^ c ^ d;
        k = 0xCA62C1D6;
      }
      uint32_t next = rotate(a, 5) + f + e + k + w[i];
      e = d;
      d = c;
      c = rotate(b, 30);
      b = a;
      a = next;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
  }
  for (int i = 0; i < 20; i++) digest[i] = (unsigned char)(h[i / 4] >> (24 - 8 * (i % 4)));
}

static void base64(const unsigned char *bytes, size_t length, char *text) {
  static const char alphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  size_t out = 0;
  for (size_t i = 0; i < length; i += 3) {
    uint32_t v = (uint32_t)bytes[i] << 16 | (i + 1 < length ? (uint32_t)bytes[i + 1] << 8 : 0) |
                 (i + 2 < length ? bytes[i + 2] : 0);
    text[out++] = alphabet[v >> 18 & 63];
    text[out++] = alphabet[v >> 12 & 63];
    text[out++] = i + 1 < length ? alphabet[v >> 6 & 63] : '=';
    text[out++] = i + 2 < length ? alphabet[v & 63] : '=';
  }
  text[out] = 0;
}

/* The first value of header `name` in `request` (up to a comma), or "" when absent. */
static void header(const char *request, const char *name, char *value, size_t size) {
  size_t length = strlen(name);
  value[0] = 0;
  for (const char *end = strstr(request, "\r\n"); end; end = strstr(end + 2, "\r\n")) {
    const char *line = end + 2;
    if (strncasecmp(line, name, length) != 0 || line[length] != ':') continue;
    line += length + 1;
    while (*line == ' ') line++;
    size_t i = 0;
    while (line[i] && line[i] != '\r' && line[i] != ',' && i + 1 < size) {
      value[i] = line[i];
      i++;
    }
    value[i] = 0;
    return;
  }
}

/* Answers the upgrade request with 101; the client sends nothing more before it. */
static int handshake(int client) {
  char request[8192] = "";
  size_t used = 0;
  while (!strstr(request, "\r\n\r\n")) {
    if (used == sizeof request - 1) return -1;
    ssize_t n = read(client, request + used, sizeof request - 1 - used);
    if (n <= 0) return -1;
    used += (size_t)n;
    request[used] = 0;
  }
  char key[128], protocol[128], accept[32], response[512];
  header(request, "Sec-WebSocket-Key", key, sizeof key);
  header(request, "Sec-WebSocket-Protocol", protocol, sizeof protocol);
  if (!key[0]) return -1;
  char keyed[256];
  snprintf(keyed, sizeof keyed, "%s258EAFA5-E914-47DA-95CA-C5AB0DC85B11", key);
  unsigned char digest[20];
  sha1((const unsigned char *)keyed, strlen(keyed), digest);
  base64(digest, sizeof digest, accept);
  int length = snprintf(response, sizeof response,
                        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                        "Connection: Upgrade\r\nSec-WebSocket-Accept: %s\r\n%s%s%s\r\n",
                        accept, protocol[0] ? "Sec-WebSocket-Protocol: " : "", protocol,
                        protocol[0] ? "\r\n" : "");
  return write_all(client, response, (size_t)length);
}

/* One read from the server, sent as one binary message: header and payload in one writev. */
static int to_client(int server, int client) {
  static unsigned char payload[MAX_MESSAGE];
  ssize_t n = read(server, payload, sizeof payload);
  if (n <= 0) return -1;
  unsigned char head[4] = {0x82};
  size_t head_length = 2;
  if (n < 126) {
    head[1] = (unsigned char)n;
  } else {
    head[1] = 126;
    head[2] = (unsigned char)(n >> 8);
    head[3] = (unsigned char)n;
    head_length = 4;
  }
  struct iovec parts[2] = {{head, head_length}, {payload, (size_t)n}};
  ssize_t written = writev(client, parts, 2);
  if (written < 0) return -1;
  /* Rare on loopback: the rest of what writev did not take. */
  if ((size_t)written < head_length) {
    if (write_all(client, head + written, head_length - (size_t)written) < 0) return -1;
    written = (ssize_t)head_length;
  }
  return write_all(client, payload + (written - (ssize_t)head_length),
                   (size_t)n - (size_t)(written - (ssize_t)head_length));
}

/*
 * Every whole frame the client sent, unmasked into one buffer and written to
 * the server in one write; a partial frame waits for the next read.
 */
static unsigned char frames[MAX_MESSAGE + MAX_FRAME_HEAD];
/* Bytes of `frames` read but not yet relayed: the start of a frame still arriving. */
static size_t have;

static int to_server(int client, int server) {
  static unsigned char payloads[sizeof frames];
  ssize_t n = read(client, frames + have, sizeof frames - have);
  if (n <= 0) return -1;
  have += (size_t)n;
  size_t at = 0, out = 0;
  while (have - at >= 2) {
    const unsigned char *frame = frames + at;
    int opcode = frame[0] & 15;
    int masked = frame[1] & 128;
    uint64_t length = frame[1] & 127;
    size_t head = 2;
    if (length == 126) {
      if (have - at < 4) break;
      length = (uint64_t)frame[2] << 8 | frame[3];
      head = 4;
    } else if (length == 127) {
      if (have - at < 10) break;
      length = 0;
      for (int i = 0; i < 8; i++) length = length << 8 | frame[2 + i];
      head = 10;
    }
    if (length > MAX_MESSAGE) return -1;
    size_t mask_at = head;
    if (masked) head += 4;
    if (have - at < head + length) break;
    if (opcode == 8) return -1;
    if (opcode == 0 || opcode == 2) {
      for (size_t i = 0; i < length; i++) {
        payloads[out++] = masked ? frame[head + i] ^ frame[mask_at + (i & 3)] : frame[head + i];
      }
    }
    at += head + length;
  }
  memmove(frames, frames + at, have - at);
  have -= at;
  return write_all(server, payloads, out);
}

static void relay(int client, int server) {
  have = 0;
  struct pollfd fds[2] = {{.fd = client, .events = POLLIN}, {.fd = server, .events = POLLIN}};
  for (;;) {
    if (poll(fds, 2, -1) < 0) return;
    if (fds[1].revents && to_client(server, client) < 0) return;
    if (fds[0].revents && to_server(client, server) < 0) return;
  }
}

int main(int argc, char **argv) { return run_relay(argc, argv, "ws-relay", handshake, relay); }
