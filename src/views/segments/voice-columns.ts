/** Which voice columns a segment table shows: NPS and CSAT when any group has answers, complaints when the dataset holds interactions. */
import type { SegmentVoice } from '../../../workers/api';

export interface VoiceColumns {
  answers: boolean;
  complaints: boolean;
}

export function voiceColumns(rows: readonly { voice?: SegmentVoice }[]): VoiceColumns {
  return {
    answers: rows.some((r) => r.voice !== undefined && (r.voice.nps.n > 0 || r.voice.csat.n > 0)),
    complaints: rows.some((r) => r.voice?.complaints),
  };
}
