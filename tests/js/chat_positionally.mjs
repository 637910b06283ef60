// A web page's call: @gradio/client's predict with only the message, positionally (the rest null: defaults).
import { Client } from "@gradio/client";

const [url, endpoint, message] = process.argv.slice(2);
const client = await Client.connect(url);
const result = await client.predict(endpoint, [message]);
console.log(JSON.stringify(result.data));
process.exit(0);
