/** Walk-ins used by the e2e stories. The NIKs are made up but follow the NIK rules exactly. */
export interface Walkin {
  nik: string
  kk: string
  fullName: string
  birthPlace: string
  /** What the NIK says, as the form shows it after pre-filling. */
  birthDate: string
  sex: 'Laki-laki' | 'Perempuan'
  address: string
  rtRw: string
  kecamatan: string
  village: string
  occupation: string
  monthlyIncome: string
  phone: string
  heirName: string
  heirRelationship: string
}

/** A woman from Tenggarong: her NIK day is 15 + 40 = 55. */
export const SITI: Walkin = {
  nik: '6402065505900001',
  kk: '6402060101100123',
  fullName: 'Siti Aminah',
  birthPlace: 'Tenggarong',
  birthDate: '1990-05-15',
  sex: 'Perempuan',
  address: 'Jl. Danau Aji No. 12',
  rtRw: '003/005',
  kecamatan: 'Tenggarong',
  village: 'Loa Ipuh',
  occupation: 'Pedagang kecil',
  monthlyIncome: '1500000',
  phone: '0812 3456 7890',
  heirName: 'Rahmat Hidayat',
  heirRelationship: 'Suami',
}

/** A fisherman from Anggana. */
export const BUDI: Walkin = {
  nik: '6402041708850002',
  kk: '6402040202100002',
  fullName: 'Budi Santoso',
  birthPlace: 'Anggana',
  birthDate: '1985-08-17',
  sex: 'Laki-laki',
  address: 'Jl. Pesisir RT 2 Sungai Meriam',
  rtRw: '2/1',
  kecamatan: 'Anggana',
  village: 'Sungai Meriam',
  occupation: 'Nelayan',
  monthlyIncome: 'Rp 2.000.000',
  phone: '',
  heirName: 'Sri Wahyuni',
  heirRelationship: 'Suami',
}

/**
 * More women from Tenggarong (kecamatan 64.02.06) for the sync stories: SITI's NIK with another
 * serial (02–99), so every story has people of its own on the shared server.
 */
export function tenggarongWoman(serial: number, fullName: string): Walkin {
  if (serial < 2 || serial > 99) throw new Error('serial must be 2–99')
  return { ...SITI, nik: `64020655059000${String(serial).padStart(2, '0')}`, fullName }
}
