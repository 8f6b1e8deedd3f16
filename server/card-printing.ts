/**
 * Who may get a card-signing certificate (POST /api/card-certificate): the roles and offices that
 * print (`shared/cards/card-offices.ts`, docs/printing.md). Checked on the device's office, whose
 * code the certificate carries: a certificate is the office's signature on every card it prints.
 */
import { mayHoldCardCertificate } from '../shared/cards/card-offices'
import type { Caller } from './sessions'
import { ApiFailure } from './http-kit'

export function assertMayPrintCards(caller: Caller): Caller {
  // Admins are refused by certifyCardKey, with the sentence that tells them whom to sign in as.
  if (caller.role !== 'admin' && !mayHoldCardCertificate(caller.role, caller.deviceOffice.kind)) {
    throw new ApiFailure(
      403,
      'FORBIDDEN_ROLE',
      'Hanya petugas pendaftaran atau supervisor di komputer kantor kecamatan atau kantor pusat yang mencetak kartu. Akun ini tidak mendapat izin tanda tangan kartu.',
    )
  }
  return caller
}
