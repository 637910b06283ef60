"""The smallest Gradio streaming chat app calling the same upstream: the yardstick for what the playground's
many tabs cost per session. `python -m benchmarks.one_tab_app` (GRADIO_SERVER_PORT, OPENAI_COMPAT_BASE_URL)."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator

import gradio as gr
from openai import AsyncOpenAI


def main() -> None:
    client = AsyncOpenAI(base_url=os.environ["OPENAI_COMPAT_BASE_URL"], api_key="no-key-needed")

    async def stream(
        message: str, history: list[dict] | None = None, max_tokens: int = 200, host: str = "custom"
    ) -> AsyncIterator[str]:
        messages = [*(history or []), {"role": "user", "content": message}]
        response = await client.chat.completions.create(
            model="builtin-tiny", messages=messages, max_tokens=max_tokens, stream=True
        )
        text = ""
        async for chunk in response:
            if chunk.choices and chunk.choices[0].delta.content:
                text += chunk.choices[0].delta.content
                yield text

    async def respond(message: str, history: list):
        history = [*history, {"role": "user", "content": message}, {"role": "assistant", "content": ""}]
        async for text in stream(message):
            history[-1]["content"] = text
            yield history, ""

    with gr.Blocks() as demo:
        gr.api(stream, api_name="stream", concurrency_limit=None)
        chatbot = gr.Chatbot()
        box = gr.Textbox()
        box.submit(respond, [box, chatbot], [chatbot, box], api_visibility="private")
    demo.queue(default_concurrency_limit=None).launch(max_threads=1000)


if __name__ == "__main__":
    main()
