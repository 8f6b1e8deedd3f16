import { textFor, type Messages } from '@shared/i18n/messages'

/** Strings of the rescue file on Pengaturan, Indonesian first. */
export const rescueMessagesId = {
  title: 'Berkas penyelamatan',
  intro:
    'Untuk PC yang tidak bisa sinkron (jaringan putus berminggu-minggu, PC akan diganti atau dicabut): simpan data yang belum sampai ke server ke satu berkas terkunci, bawa dengan flashdisk, lalu impor dari PC lain yang tersambung.',
  exportTitle: 'Simpan berkas dari PC ini',
  exportCount: '{records} data belum sampai ke server dan {entries} catatan riwayat dari PC ini.',
  passphrase: 'Kata sandi berkas (paling sedikit 12 karakter)',
  passphraseAgain: 'Ulangi kata sandi berkas',
  passphraseHint:
    'Catat kata sandinya di kertas terpisah dari flashdisk. Tanpa kata sandi ini berkas tidak dapat dibuka oleh siapa pun.',
  passphraseShort: 'Kata sandi berkas paling sedikit 12 karakter.',
  passphraseDiffer: 'Kedua kata sandi tidak sama.',
  save: 'Simpan berkas penyelamatan',
  saving: 'Menyimpan…',
  saved: 'Berkas disimpan: {name}. Simpan juga kata sandinya di tempat lain.',
  saveCancelled: 'Berkas tidak disimpan.',
  importTitle: 'Impor berkas dari PC lain',
  importIntro:
    'Data di berkas dikirim ke server seolah-olah Anda masuk di PC asalnya: server memeriksa semuanya seperti kiriman biasa.',
  file: 'Berkas penyelamatan (.naungan-rescue)',
  importPassphrase: 'Kata sandi berkas',
  fromPc: 'Dari {device} (kantor {office}), disimpan {at}: {records} data.',
  notRescueFile: 'Berkas ini bukan berkas penyelamatan Naungan.',
  wrongPassphrase:
    'Berkas tidak dapat dibuka: kata sandinya salah, atau isi berkas telah diubah sejak disimpan.',
  otherDistrict: 'Berkas ini dari daerah lain ({district}); tidak diimpor.',
  import: 'Impor ke server',
  importing: 'Mengirim {done} dari {total} data…',
  imported:
    'Selesai: {written} data masuk, {merged} digabung dengan perubahan di server, {held} sudah ada; {entries} catatan riwayat.',
  importRefused: '{count} data ditolak server:',
  importFailed:
    'Impor terhenti: {message}. Data yang sudah terkirim tetap di server; ulangi impor.',
  onlySupervisors:
    'Hanya supervisor dan admin yang dapat menyimpan atau mengimpor berkas penyelamatan.',
}

export const rescueMessagesEn: Messages<typeof rescueMessagesId> = {
  title: 'Rescue file',
  intro:
    'For a PC that cannot sync (a link down for weeks, a PC to be replaced or revoked): save what has not reached the server into one locked file, carry it on a USB stick, and import it from another PC that is connected.',
  exportTitle: 'Save a file from this PC',
  exportCount:
    '{records} records not yet on the server and {entries} history entries from this PC.',
  passphrase: 'File passphrase (at least 12 characters)',
  passphraseAgain: 'Repeat the file passphrase',
  passphraseHint:
    'Write the passphrase on paper kept apart from the stick. Without it nobody can open the file.',
  passphraseShort: 'The file passphrase needs at least 12 characters.',
  passphraseDiffer: 'The two passphrases differ.',
  save: 'Save the rescue file',
  saving: 'Saving…',
  saved: 'File saved: {name}. Keep the passphrase somewhere else too.',
  saveCancelled: 'The file was not saved.',
  importTitle: 'Import a file from another PC',
  importIntro:
    "The file's records are sent to the server as if you had signed in on the PC they came from: the server checks them all like any upload.",
  file: 'Rescue file (.naungan-rescue)',
  importPassphrase: 'File passphrase',
  fromPc: 'From {device} (office {office}), saved {at}: {records} records.',
  notRescueFile: 'This is not a Naungan rescue file.',
  wrongPassphrase:
    'The file does not open: the passphrase is wrong, or the file was changed after it was saved.',
  otherDistrict: 'This file is from another district ({district}); not imported.',
  import: 'Import to the server',
  importing: 'Sending {done} of {total} records…',
  imported:
    'Done: {written} records in, {merged} merged with changes on the server, {held} already there; {entries} history entries.',
  importRefused: '{count} records refused by the server:',
  importFailed: 'The import stopped: {message}. What was sent stays on the server; import again.',
  onlySupervisors: 'Only supervisors and admins can save or import a rescue file.',
}

export type RescueMessageKey = keyof typeof rescueMessagesId

export const rescueText = textFor<RescueMessageKey>({ id: rescueMessagesId, en: rescueMessagesEn })
