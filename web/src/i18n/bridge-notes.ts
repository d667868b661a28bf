import { NO_TOKEN_REASON, WRONG_TOKEN_REASON } from '../../../shared/protocol/access-token';
import type { BridgeNote } from '../bridge-client/bridge-client';
import { originalZh } from './original';

const seconds = (ms: number) => (ms / 1000).toFixed(1);

/** The bridge's status note in English: refusals are the bridge's own sentence. */
export function bridgeNoteEn(note: BridgeNote): string {
  switch (note.kind) {
    case 'refused':
      return `${note.reason} (retrying in ${seconds(note.retryMs)} s)`;
    case 'lost': {
      const cause = note.reason
        ? `the bridge closed the connection: ${note.reason}`
        : 'bridge unreachable';
      return `${cause}; retrying in ${seconds(note.retryMs)} s`;
    }
    case 'protocol':
      return `the bridge speaks protocol v${note.bridge}, this page v${note.page}; reload the page`;
    case 'ignored':
      return `ignored a bad ${note.what} from the bridge: ${note.detail}`;
    case 'said':
      return note.text;
  }
}

const REFUSALS_ZH: ReadonlyMap<string, string> = new Map([
  [NO_TOKEN_REASON, '这个页面没有出示访问令牌；请打开网桥打印的网址（以 #token=… 结尾）'],
  [
    WRONG_TOKEN_REASON,
    '这个页面的访问令牌被拒绝；请打开网桥打印的网址（网桥可能已换了新令牌重新启动）',
  ],
]);

/** In Chinese: the refusals it knows in its words, anything else the bridge wrote quoted as the original. */
export function bridgeNoteZh(note: BridgeNote): string {
  switch (note.kind) {
    case 'refused': {
      const reason = REFUSALS_ZH.get(note.reason) ?? originalZh(note.reason);
      return `${reason}（${seconds(note.retryMs)} 秒后重试）`;
    }
    case 'lost': {
      const cause = note.reason ? `网桥关闭了连接：${originalZh(note.reason)}` : '连不上网桥';
      return `${cause}；${seconds(note.retryMs)} 秒后重试`;
    }
    case 'protocol':
      return `网桥使用协议 v${note.bridge}，本页面是 v${note.page}；请重新加载页面`;
    case 'ignored':
      return `忽略了网桥发来的一条坏${note.what === 'frame' ? '帧' : '消息'}：${originalZh(note.detail)}`;
    case 'said':
      return originalZh(note.text);
  }
}
