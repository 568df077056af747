import { ConversionError, runTool, type ConversionJob } from './conversion.ts';

export interface Probe {
  durationMs: number;
  formatName: string;
  video?: { codec: string; pixFmt: string; width: number; height: number };
  audio?: { codec: string; channelLayout: string };
}

/** ffprobe reading only local files (`-protocol_whitelist file`): no playlist or URL in a file can make it reach out. */
export async function probe(job: ConversionJob, input: string): Promise<Probe> {
  const result = await runTool(job, '/usr/bin/ffprobe', ['-v', 'error', '-protocol_whitelist', 'file', '-show_format', '-show_streams', '-of', 'json', input], {
    memoryMb: 1024, timeoutSeconds: 30, what: 'reading the file',
  }).catch(() => {
    throw new ConversionError(`"${job.name}" could not be read: its container is damaged or incomplete. Export it again and upload the new file.`);
  });
  let parsed: { format?: { duration?: string; format_name?: string }; streams?: { codec_type?: string; codec_name?: string; pix_fmt?: string; width?: number; height?: number; channel_layout?: string; disposition?: { attached_pic?: number } }[] };
  try {
    parsed = JSON.parse(result.stdout);
  } catch {
    throw new ConversionError(`"${job.name}" could not be read.`);
  }
  const streams = parsed.streams ?? [];
  const v = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  const a = streams.find((s) => s.codec_type === 'audio');
  return {
    durationMs: Math.round(Number(parsed.format?.duration ?? 0) * 1000) || 0,
    formatName: parsed.format?.format_name ?? '',
    ...(v && { video: { codec: v.codec_name ?? '', pixFmt: v.pix_fmt ?? '', width: v.width ?? 0, height: v.height ?? 0 } }),
    ...(a && { audio: { codec: a.codec_name ?? '', channelLayout: a.channel_layout ?? '' } }),
  };
}
