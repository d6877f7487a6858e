/**
 * PDF/A-2b output through LibreOffice headless, when `soffice` is installed. The ODT (or a DOCX) is opened
 * by a small Basic macro that refreshes the tables of contents first: a plain `soffice --convert-to` keeps
 * the index as it was saved, so its page numbers would be missing. Each call runs LibreOffice on its own
 * throw-away profile, so that concurrent conversions never share (and lock) one; the profile is a copy of
 * one LibreOffice initialised once per process, so a conversion starts the office once, not twice.
 */

import { execFile } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, delimiter, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { AppError } from '../domain/shared/app-error.js';
import type { DocumentModel } from './model.js';
import { renderOdt } from './odt.js';
import { escapeXml } from './xml.js';

const run = promisify(execFile);

/** PDF/A-2b, tagged for accessibility, bookmarks from the headings. */
const PDF_FILTER_DATA = { SelectPdfVersion: 2, UseTaggedPDF: true, ExportBookmarks: true } as const;

/** The same options in the JSON syntax `--convert-to` accepts (LibreOffice 7.4 and later). */
export const PDF_CONVERT_TO_FILTER = `pdf:writer_pdf_Export:${JSON.stringify({
  SelectPdfVersion: { type: 'long', value: '2' },
  UseTaggedPDF: { type: 'boolean', value: 'true' },
  ExportBookmarks: { type: 'boolean', value: 'true' },
})}`;

export interface PdfOptions {
  /** Path of the `soffice` executable; looked up on the PATH when absent. */
  readonly soffice?: string;
  /** Time allowed to LibreOffice for the whole call. */
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 180_000;

/** Finds an executable on the PATH, without a shell. */
export function findOnPath(command: string, path = process.env.PATH ?? ''): string | null {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, command);
    try {
      const stat = statSync(candidate);
      // Any execute bit: good enough to try it; a failure to run is reported then.
      if (stat.isFile() && (stat.mode & 0o111) !== 0) return candidate;
    } catch {
      // not in this directory
    }
  }
  return null;
}

export function findSoffice(options: PdfOptions = {}): string {
  const found = options.soffice ?? findOnPath('soffice');
  if (!found) throw new AppError('PDF_CONVERTER_MISSING');
  return found;
}

/** A Basic string literal: quotes are doubled. */
function basicString(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

/**
 * The macro: open each file hidden, refresh its indexes twice (the first refresh can move pages by
 * changing the table's own length), export to PDF, close. Errors on one file skip it; the caller sees the
 * missing PDF. The office always terminates, so a failure never leaves a process behind.
 */
function exportMacro(jobs: readonly { input: string; output: string }[]): string {
  const filterData = Object.entries(PDF_FILTER_DATA);
  const calls = jobs
    .map(
      (j) =>
        `  ExportOne(${basicString(pathToFileURL(j.input).href)}, ${basicString(pathToFileURL(j.output).href)})`,
    )
    .join('\n');
  const code = `Sub Main
${calls}
  StarDesktop.terminate()
End Sub

Sub ExportOne(inUrl As String, outUrl As String)
  On Error GoTo Failed
  Dim loadArgs(0) As New com.sun.star.beans.PropertyValue
  loadArgs(0).Name = "Hidden"
  loadArgs(0).Value = True
  oDoc = StarDesktop.loadComponentFromURL(inUrl, "_blank", 0, loadArgs())
  If IsNull(oDoc) Then Exit Sub
  If HasUnoInterfaces(oDoc, "com.sun.star.text.XDocumentIndexesSupplier") Then
    For pass = 1 To 2
      oIndexes = oDoc.getDocumentIndexes()
      For i = 0 To oIndexes.getCount() - 1
        oIndexes.getByIndex(i).update()
      Next i
    Next pass
  End If
  Dim filterData(${filterData.length - 1}) As New com.sun.star.beans.PropertyValue
${filterData
  .map(
    ([name, value], i) =>
      `  filterData(${i}).Name = "${name}"\n  filterData(${i}).Value = ${typeof value === 'boolean' ? (value ? 'True' : 'False') : `CLng(${value})`}`,
  )
  .join('\n')}
  Dim storeArgs(1) As New com.sun.star.beans.PropertyValue
  storeArgs(0).Name = "FilterName"
  storeArgs(0).Value = "writer_pdf_Export"
  storeArgs(1).Name = "FilterData"
  storeArgs(1).Value = filterData()
  oDoc.storeToURL(outUrl, storeArgs())
  oDoc.close(True)
  Exit Sub
Failed:
  On Error Resume Next
  If Not IsNull(oDoc) Then oDoc.close(True)
End Sub
`;
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">\n' +
    `<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">${escapeXml(code)}</script:module>\n`
  );
}

async function runSoffice(soffice: string, args: string[], timeoutMs: number): Promise<string> {
  try {
    const { stdout, stderr } = await run(soffice, args, {
      timeout: timeoutMs,
      killSignal: 'SIGKILL',
      maxBuffer: 16 * 1024 * 1024,
      // The headless drawing back-end, even when the machine has a display: nothing may pop up.
      env: { ...process.env, SAL_USE_VCLPLUGIN: 'svp' },
    });
    return `${stdout}${stderr}`;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; killed?: boolean };
    throw new AppError('PDF_CONVERSION_FAILED', {
      message: e.killed
        ? 'La conversion en PDF par LibreOffice a dépassé le temps imparti.'
        : 'La conversion en PDF par LibreOffice a échoué.',
      details: { output: `${e.stdout ?? ''}${e.stderr ?? ''}`.slice(-2000) },
      cause: error,
    });
  }
}

const PROFILE_PREFIX = 'ctg-soffice-profile-';

/** Whether a process of that id runs (EPERM: it does, as another user). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Prepared profiles of processes that no longer run: a process killed by a signal (a test worker, a
 * server stopped hard) never sees its `exit` event.
 */
async function removeStaleProfiles(): Promise<void> {
  const names = await readdir(tmpdir()).catch(() => [] as string[]);
  for (const name of names) {
    const pid = Number(/^ctg-soffice-profile-(\d+)-/.exec(name)?.[1]);
    if (pid && pid !== process.pid && !running(pid)) {
      await rm(join(tmpdir(), name), { recursive: true, force: true });
    }
  }
}

/** Profiles initialised by `soffice --terminate_after_init`, one per executable, made once per process. */
const preparedProfiles = new Map<string, Promise<{ dir: string; log: string }>>();

/**
 * A LibreOffice profile initialised once (its first start creates the files and runs checks) and then
 * only read: each conversion copies it to its own directory, so concurrent conversions never share one.
 * Removed when the process exits; a failed preparation is tried again by the next conversion.
 */
function preparedProfile(soffice: string, timeoutMs: number): Promise<{ dir: string; log: string }> {
  let prepared = preparedProfiles.get(soffice);
  if (!prepared) {
    prepared = (async () => {
      await removeStaleProfiles();
      const dir = await mkdtemp(join(tmpdir(), `${PROFILE_PREFIX}${process.pid}-`));
      process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
      const log = await runSoffice(
        soffice,
        [`-env:UserInstallation=${pathToFileURL(dir).href}`, '--headless', '--terminate_after_init'],
        timeoutMs,
      );
      return { dir, log };
    })();
    preparedProfiles.set(soffice, prepared);
    prepared.catch(() => preparedProfiles.delete(soffice));
  }
  return prepared;
}

/**
 * Converts several ODT or DOCX files to PDF/A-2b in one LibreOffice run (the start-up, about two seconds,
 * is paid once). Returns the PDF paths, in input order, written to `outDir` as `<name>.pdf`.
 */
export async function convertFilesToPdf(
  inputs: readonly string[],
  outDir: string,
  options: PdfOptions = {},
): Promise<string[]> {
  const soffice = findSoffice(options);
  if (inputs.length === 0) return [];
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  await mkdir(outDir, { recursive: true });
  const jobs = inputs.map((input) => {
    const absolute = resolve(input);
    return { input: absolute, output: join(resolve(outDir), `${basename(absolute, extname(absolute))}.pdf`) };
  });
  const outputs = new Set(jobs.map((j) => j.output));
  if (outputs.size !== jobs.length) {
    throw new AppError('PDF_CONVERSION_FAILED', {
      message: 'Deux fichiers à convertir portent le même nom : leurs PDF s’écraseraient.',
    });
  }
  for (const job of jobs) await rm(job.output, { force: true });

  const profile = await mkdtemp(join(tmpdir(), 'ctg-soffice-'));
  try {
    const profileArg = `-env:UserInstallation=${pathToFileURL(profile).href}`;
    let prepared = await preparedProfile(soffice, timeoutMs);
    if (!existsSync(join(prepared.dir, 'user'))) {
      // Removed meanwhile (a cleaner of the temporary directory): prepared again.
      preparedProfiles.delete(soffice);
      prepared = await preparedProfile(soffice, timeoutMs);
    }
    await cp(prepared.dir, profile, { recursive: true });
    let log = prepared.log;
    const standard = join(profile, 'user', 'basic', 'Standard');
    if (existsSync(join(standard, 'script.xlb'))) {
      // The fresh profile holds an empty Standard library with a Module1: it becomes our macro.
      await writeFile(join(standard, 'Module1.xba'), exportMacro(jobs));
      log += await runSoffice(
        soffice,
        [
          profileArg,
          '--headless',
          '--invisible',
          '--norestore',
          '--nologo',
          'macro:///Standard.Module1.Main',
        ],
        timeoutMs,
      );
    }
    // Without Basic (a stripped-down LibreOffice) or when the macro failed on a file, the plain converter
    // still gives a PDF, its table of contents as pre-filled by the writer.
    const left = jobs.filter((j) => !existsSync(j.output));
    if (left.length > 0) {
      log += await runSoffice(
        soffice,
        [
          profileArg,
          '--headless',
          '--norestore',
          '--convert-to',
          PDF_CONVERT_TO_FILTER,
          '--outdir',
          resolve(outDir),
          ...left.map((j) => j.input),
        ],
        timeoutMs,
      );
    }
    const failed = jobs.filter((j) => !existsSync(j.output));
    if (failed.length > 0) {
      throw new AppError('PDF_CONVERSION_FAILED', {
        message: `LibreOffice n’a pas pu convertir en PDF : ${failed.map((j) => basename(j.input)).join(', ')}.`,
        details: { files: failed.map((j) => j.input), output: log.slice(-2000) },
      });
    }
    return jobs.map((j) => j.output);
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

/** Converts one ODT or DOCX file, given as bytes, to PDF/A-2b bytes. */
export async function convertToPdf(
  bytes: Uint8Array,
  format: 'odt' | 'docx',
  options: PdfOptions = {},
): Promise<Uint8Array> {
  findSoffice(options);
  const dir = await mkdtemp(join(tmpdir(), 'ctg-pdf-'));
  try {
    const input = join(dir, `document.${format}`);
    await writeFile(input, bytes);
    const [output] = await convertFilesToPdf([input], join(dir, 'pdf'), options);
    return new Uint8Array(await readFile(output!));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Renders the document as ODT, then as PDF/A-2b through LibreOffice. */
export async function renderPdf(model: DocumentModel, options: PdfOptions = {}): Promise<Uint8Array> {
  findSoffice(options);
  return convertToPdf(renderOdt(model), 'odt', options);
}
