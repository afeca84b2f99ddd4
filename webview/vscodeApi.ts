// The one declaration of the API VS Code gives a webview page, typed by the messages the page may send and the state it
// may keep. Each page calls acquireVsCodeApi once and keeps the result in its module's closure, never on window.

export interface VsCodeApi<Message, State = never> {
  postMessage(message: Message): void;
  setState(state: State): void;
}

declare function acquireVsCodeApi(): unknown;

export function vsCodeApi<Message, State = never>(): VsCodeApi<Message, State> {
  return acquireVsCodeApi() as VsCodeApi<Message, State>;
}
