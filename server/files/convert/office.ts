import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConversionError, runTool, type ConversionJob } from './conversion.ts';

/**
 * A fresh LibreOffice profile per conversion that turns macros off altogether (on top of
 * LibreOffice's default "high" macro security, which already refuses unsigned macros),
 * so a document with macros is laid out and never run.
 */
const PROFILE = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="UseDocumentSystemFileLocking" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
`;

/** Office document (ppt, pptx, odp, doc, docx, odt, xls, xlsx, ods, txt) → PDF with LibreOffice headless, 2 minutes at most. */
export async function officeToPdf(job: ConversionJob, ext: string): Promise<string> {
  await mkdir(join(job.jobDir, 'profile', 'user'), { recursive: true });
  await writeFile(join(job.jobDir, 'profile', 'user', 'registrymodifications.xcu'), PROFILE);
  await mkdir(join(job.jobDir, 'pdf'), { recursive: true });
  job.onProgress(5);
  await runTool(job, '/usr/bin/soffice', [
    '--headless', '--norestore', '--nologo', '--nolockcheck', '--nodefault',
    '-env:UserInstallation=file:///job/profile',
    '--convert-to', 'pdf', '--outdir', '/job/pdf', job.input,
  ], { memoryMb: 2048, timeoutSeconds: 120, what: `converting the ${ext.toUpperCase()} document to PDF` });
  const pdf = join(job.jobDir, 'pdf', 'source.pdf');
  if (!existsSync(pdf)) throw new ConversionError(`"${job.name}" could not be opened as a ${ext.toUpperCase()} document; save it again (or export it to PDF) and upload that.`);
  job.onProgress(40);
  return '/job/pdf/source.pdf';
}
