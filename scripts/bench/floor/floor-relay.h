/*
 * What the C floor relays share: listen on 127.0.0.1, print `PORT n`, and
 * serve one client at a time, relaying to 127.0.0.1:TARGET_PORT with
 * TCP_NODELAY both ways. Included by tcp-relay.c and ws-relay.c only.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

static struct sockaddr_in loopback(int port) {
  struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons(port)};
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

static int write_all(int fd, const void *bytes, size_t length) {
  const unsigned char *at = bytes;
  while (length > 0) {
    ssize_t written = write(fd, at, length);
    if (written <= 0) return -1;
    at += written;
    length -= (size_t)written;
  }
  return 0;
}

/*
 * The whole program: `greet` (may be NULL) answers a new client first and
 * returns nonzero to drop it; `relay` runs until either side is done.
 */
static int run_relay(int argc, char **argv, const char *name, int (*greet)(int client),
                     void (*relay)(int client, int server)) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s TARGET_PORT\n", name);
    return 2;
  }
  int one = 1;
  int listener = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in address = loopback(0);
  socklen_t size = sizeof address;
  if (bind(listener, (struct sockaddr *)&address, size) < 0 || listen(listener, 8) < 0 ||
      getsockname(listener, (struct sockaddr *)&address, &size) < 0) {
    perror(name);
    return 1;
  }
  printf("PORT %d\n", ntohs(address.sin_port));
  fflush(stdout);
  struct sockaddr_in target = loopback(atoi(argv[1]));
  for (;;) {
    int client = accept(listener, NULL, NULL);
    if (client < 0) continue;
    setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    int server = socket(AF_INET, SOCK_STREAM, 0);
    if ((greet == NULL || greet(client) == 0) &&
        connect(server, (struct sockaddr *)&target, sizeof target) == 0) {
      setsockopt(server, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      relay(client, server);
    }
    close(client);
    close(server);
  }
}
