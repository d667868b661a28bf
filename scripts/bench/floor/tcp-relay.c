/*
 * The floor of any relay on this machine: two more loopback hops and nothing
 * else. Plain TCP both ways (no WebSocket, no protocol), blocking sockets,
 * one client at a time (a flood both ways at once could block it; the bench
 * sends calls). Listens on 127.0.0.1, prints its port, relays to
 * 127.0.0.1:TARGET_PORT. Built and run by floor/relays.ts for the bench only.
 */
#include <poll.h>

#include "floor-relay.h"

/* Relays until either side closes or fails. */
static void relay(int client, int server) {
  struct pollfd fds[2] = {{.fd = client, .events = POLLIN}, {.fd = server, .events = POLLIN}};
  static char buffer[65536];
  for (;;) {
    if (poll(fds, 2, -1) < 0) return;
    for (int i = 0; i < 2; i++) {
      if (!fds[i].revents) continue;
      ssize_t length = read(fds[i].fd, buffer, sizeof buffer);
      if (length <= 0 || write_all(fds[1 - i].fd, buffer, (size_t)length) < 0) return;
    }
  }
}

int main(int argc, char **argv) { return run_relay(argc, argv, "tcp-relay", NULL, relay); }
