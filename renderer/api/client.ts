import type { ChannelName } from '../../src/ipc/channel-names';
import type { AirlockApi } from '../../src/ipc/channels';
import { CHANNELS, type RequestOf, type ResponseOf, resultSchema } from '../../src/ipc/channels';
import type { IpcError } from '../../src/ipc/models';

declare global {
  interface Window {
    airlock?: AirlockApi;
  }
}

/** A refusal or error from main, with its stable code for the screens to word. */
export class ApiError extends Error {
  readonly code: string;
  readonly kind: IpcError['kind'];
  constructor(error: IpcError) {
    super(error.message);
    this.code = error.code;
    this.kind = error.kind;
  }
}

/** Calls main through window.airlock and validates the answer; throws ApiError on a refusal. */
export async function call<C extends ChannelName>(name: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const api = window.airlock;
  if (!api) throw new ApiError({ kind: 'internal', code: 'NO_BRIDGE', message: 'the app bridge is missing' });
  const method = api[name] as (r: RequestOf<C>) => Promise<unknown>;
  const envelope = resultSchema(CHANNELS[name].response).parse(await method(request));
  if (!envelope.ok) throw new ApiError(envelope.error);
  return envelope.value as ResponseOf<C>;
}
