import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';

/**
 * @fastify/websocket routes an upgrade through Fastify with a ServerResponse assigned to the socket,
 * and leaves an 'error' listener on the WebSocket that closes over the request and the reply: for a
 * socket that then idles for hours, that is the whole HTTP request (headers, raw message, response,
 * child logger) kept alive — measured at about half of an idle widget session's memory. These two
 * let go of both; the gateways log socket errors themselves.
 */
export async function detachUpgradeResponse(req: FastifyRequest, reply: FastifyReply): Promise<void> {
  const socket = reply.raw.socket;
  if (req.ws && socket) reply.raw.detachSocket(socket);
}

export function replaceErrorListeners(socket: WebSocket, onError: (err: Error) => void): void {
  socket.removeAllListeners('error');
  socket.on('error', onError);
}
