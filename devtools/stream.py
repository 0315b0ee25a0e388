# Speaking to a running app over its WebSocket as any visitor's browser can, message by
# message: what an attacker sends by hand (the tests of the lock-out, bench/ for load).
from __future__ import annotations

from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import connect

STREAM_PATH = "/_stcore/stream"
SUBPROTOCOL = "streamlit"
ANSWER_SECONDS = 30


def stream_url(app_url: str) -> str:
    """Return the WebSocket address of an app served at `app_url` (http://host:port/base)."""
    parts = urlsplit(app_url)
    scheme = "wss" if parts.scheme == "https" else "ws"
    return f"{scheme}://{parts.netloc}{parts.path.rstrip('/')}{STREAM_PATH}"


def send_and_wait(app_url: str, message: BackMsg) -> None:
    """Send one message on a session of its own, and return once the server has handled it.

    Messages on one connection are handled in order: the heartbeat's answer comes after
    the message before it has been dealt with.
    """
    heartbeat = BackMsg(app_heartbeat=True)
    with connect(stream_url(app_url), subprotocols=[SUBPROTOCOL], open_timeout=30) as socket:
        socket.send(message.SerializeToString())
        socket.send(heartbeat.SerializeToString())
        while True:
            answer = ForwardMsg()
            answer.ParseFromString(socket.recv(timeout=ANSWER_SECONDS))
            if answer.WhichOneof("type") == "heartbeat_ack":
                return


def clear_caches(app_url: str) -> None:
    """Ask the server to clear every cache, as Streamlit's menu does (any visitor can)."""
    send_and_wait(app_url, BackMsg(clear_cache=True))
