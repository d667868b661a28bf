/*
 * The floor of any relay on this machine: two more loopback hops and nothing
 * else. Plain TCP both ways (no WebSocket, no protocol), blocking sockets,
 * one client at a time (a flood both ways at once could block it; the bench
 * sends calls). Listens on 127.0.0.1, prints its port, relays to
 * 127.0.0.1:TARGET_PORT. Built and run by floor/relays.ts for the bench only.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

static struct sockaddr_in loopback(int port) {
  struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons(port)};
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

static int write_all(int fd, const char *bytes, ssize_t length) {
  while (length > 0) {
    ssize_t written = write(fd, bytes, length);
    if (written <= 0) return -1;
    bytes += written;
    length -= written;
  }
  return 0;
}

/* Relays until either side closes or fails. */
static void relay(int client, int server) {
  struct pollfd fds[2] = {{.fd = client, .events = POLLIN}, {.fd = server, .events = POLLIN}};
  static char buffer[65536];
  for (;;) {
    if (poll(fds, 2, -1) < 0) return;
    for (int i = 0; i < 2; i++) {
      if (!fds[i].revents) continue;
      ssize_t length = read(fds[i].fd, buffer, sizeof buffer);
      if (length <= 0 || write_all(fds[1 - i].fd, buffer, length) < 0) return;
    }
  }
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: tcp-relay TARGET_PORT\n");
    return 2;
  }
  int one = 1;
  int listener = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in address = loopback(0);
  socklen_t size = sizeof address;
  if (bind(listener, (struct sockaddr *)&address, size) < 0 || listen(listener, 8) < 0 ||
      getsockname(listener, (struct sockaddr *)&address, &size) < 0) {
    perror("tcp-relay: listen");
    return 1;
  }
  printf("PORT %d\n", ntohs(address.sin_port));
  fflush(stdout);
  struct sockaddr_in target = loopback(atoi(argv[1]));
  for (;;) {
    int client = accept(listener, NULL, NULL);
    if (client < 0) continue;
    int server = socket(AF_INET, SOCK_STREAM, 0);
    if (connect(server, (struct sockaddr *)&target, sizeof target) == 0) {
      setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      setsockopt(server, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      relay(client, server);
    }
    close(client);
    close(server);
  }
}
