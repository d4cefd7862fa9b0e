/*
 * Windows time zone names -> IANA time zone names.
 *
 * Data source: Unicode CLDR, common/supplemental/windowsZones.xml, the
 * territory="001" ("golden zone") mapping of every Windows zone. Taken from
 * unicode-org/cldr at commit 062dc06d16b0884bc42b0b04e5408aec6b85eb20, which is
 * CLDR 45 or later (it already has the 2024 Kazakhstan change: "Central Asia
 * Standard Time" -> Asia/Bishkek). The file itself only carries the attributes
 * otherVersion="7e11800" typeVersion="2021a". The IANA names are CLDR's
 * canonical ids, so a few are old aliases (Asia/Calcutta, Europe/Kiev,
 * America/Godthab, ...); every current IANA database still accepts them.
 *
 * Only the zone name pairs come from CLDR; this code is original.
 */

/** Windows time zone name -> IANA zone (CLDR windowsZones.xml, territory 001). */
const WINDOWS_ZONES: Readonly<Record<string, string>> = {
  // UTC-12:00 .. UTC-05:00
  'Dateline Standard Time': 'Etc/GMT+12',
  'UTC-11': 'Etc/GMT+11',
  'Aleutian Standard Time': 'America/Adak',
  'Hawaiian Standard Time': 'Pacific/Honolulu',
  'Marquesas Standard Time': 'Pacific/Marquesas',
  'Alaskan Standard Time': 'America/Anchorage',
  'UTC-09': 'Etc/GMT+9',
  'Pacific Standard Time (Mexico)': 'America/Tijuana',
  'UTC-08': 'Etc/GMT+8',
  'Pacific Standard Time': 'America/Los_Angeles',
  'US Mountain Standard Time': 'America/Phoenix',
  'Mountain Standard Time (Mexico)': 'America/Mazatlan',
  'Mountain Standard Time': 'America/Denver',
  'Yukon Standard Time': 'America/Whitehorse',
  'Central America Standard Time': 'America/Guatemala',
  'Central Standard Time': 'America/Chicago',
  'Easter Island Standard Time': 'Pacific/Easter',
  'Central Standard Time (Mexico)': 'America/Mexico_City',
  'Canada Central Standard Time': 'America/Regina',
  'SA Pacific Standard Time': 'America/Bogota',
  'Eastern Standard Time (Mexico)': 'America/Cancun',
  'Eastern Standard Time': 'America/New_York',
  'Haiti Standard Time': 'America/Port-au-Prince',
  'Cuba Standard Time': 'America/Havana',
  'US Eastern Standard Time': 'America/Indianapolis',
  'Turks And Caicos Standard Time': 'America/Grand_Turk',
  // UTC-04:00 .. UTC-01:00
  'Paraguay Standard Time': 'America/Asuncion',
  'Atlantic Standard Time': 'America/Halifax',
  'Venezuela Standard Time': 'America/Caracas',
  'Central Brazilian Standard Time': 'America/Cuiaba',
  'SA Western Standard Time': 'America/La_Paz',
  'Pacific SA Standard Time': 'America/Santiago',
  'Newfoundland Standard Time': 'America/St_Johns',
  'Tocantins Standard Time': 'America/Araguaina',
  'E. South America Standard Time': 'America/Sao_Paulo',
  'SA Eastern Standard Time': 'America/Cayenne',
  'Argentina Standard Time': 'America/Buenos_Aires',
  'Greenland Standard Time': 'America/Godthab',
  'Montevideo Standard Time': 'America/Montevideo',
  'Magallanes Standard Time': 'America/Punta_Arenas',
  'Saint Pierre Standard Time': 'America/Miquelon',
  'Bahia Standard Time': 'America/Bahia',
  'UTC-02': 'Etc/GMT+2',
  'Azores Standard Time': 'Atlantic/Azores',
  'Cape Verde Standard Time': 'Atlantic/Cape_Verde',
  // UTC .. UTC+01:00
  UTC: 'Etc/UTC',
  'GMT Standard Time': 'Europe/London',
  'Greenwich Standard Time': 'Atlantic/Reykjavik',
  'Sao Tome Standard Time': 'Africa/Sao_Tome',
  'Morocco Standard Time': 'Africa/Casablanca',
  'W. Europe Standard Time': 'Europe/Berlin',
  'Central Europe Standard Time': 'Europe/Budapest',
  'Romance Standard Time': 'Europe/Paris',
  'Central European Standard Time': 'Europe/Warsaw',
  'W. Central Africa Standard Time': 'Africa/Lagos',
  // UTC+02:00 .. UTC+03:30
  'Jordan Standard Time': 'Asia/Amman',
  'GTB Standard Time': 'Europe/Bucharest',
  'Middle East Standard Time': 'Asia/Beirut',
  'Egypt Standard Time': 'Africa/Cairo',
  'E. Europe Standard Time': 'Europe/Chisinau',
  'Syria Standard Time': 'Asia/Damascus',
  'West Bank Standard Time': 'Asia/Hebron',
  'South Africa Standard Time': 'Africa/Johannesburg',
  'FLE Standard Time': 'Europe/Kiev',
  'Israel Standard Time': 'Asia/Jerusalem',
  'South Sudan Standard Time': 'Africa/Juba',
  'Kaliningrad Standard Time': 'Europe/Kaliningrad',
  'Sudan Standard Time': 'Africa/Khartoum',
  'Libya Standard Time': 'Africa/Tripoli',
  'Namibia Standard Time': 'Africa/Windhoek',
  'Arabic Standard Time': 'Asia/Baghdad',
  'Turkey Standard Time': 'Europe/Istanbul',
  'Arab Standard Time': 'Asia/Riyadh',
  'Belarus Standard Time': 'Europe/Minsk',
  'Russian Standard Time': 'Europe/Moscow',
  'E. Africa Standard Time': 'Africa/Nairobi',
  'Iran Standard Time': 'Asia/Tehran',
  // UTC+04:00 .. UTC+06:30
  'Arabian Standard Time': 'Asia/Dubai',
  'Astrakhan Standard Time': 'Europe/Astrakhan',
  'Azerbaijan Standard Time': 'Asia/Baku',
  'Russia Time Zone 3': 'Europe/Samara',
  'Mauritius Standard Time': 'Indian/Mauritius',
  'Saratov Standard Time': 'Europe/Saratov',
  'Georgian Standard Time': 'Asia/Tbilisi',
  'Volgograd Standard Time': 'Europe/Volgograd',
  'Caucasus Standard Time': 'Asia/Yerevan',
  'Afghanistan Standard Time': 'Asia/Kabul',
  'West Asia Standard Time': 'Asia/Tashkent',
  'Ekaterinburg Standard Time': 'Asia/Yekaterinburg',
  'Pakistan Standard Time': 'Asia/Karachi',
  'Qyzylorda Standard Time': 'Asia/Qyzylorda',
  'India Standard Time': 'Asia/Calcutta',
  'Sri Lanka Standard Time': 'Asia/Colombo',
  'Nepal Standard Time': 'Asia/Katmandu',
  'Central Asia Standard Time': 'Asia/Bishkek',
  'Bangladesh Standard Time': 'Asia/Dhaka',
  'Omsk Standard Time': 'Asia/Omsk',
  'Myanmar Standard Time': 'Asia/Rangoon',
  // UTC+07:00 .. UTC+09:00
  'SE Asia Standard Time': 'Asia/Bangkok',
  'Altai Standard Time': 'Asia/Barnaul',
  'W. Mongolia Standard Time': 'Asia/Hovd',
  'North Asia Standard Time': 'Asia/Krasnoyarsk',
  'N. Central Asia Standard Time': 'Asia/Novosibirsk',
  'Tomsk Standard Time': 'Asia/Tomsk',
  'China Standard Time': 'Asia/Shanghai',
  'North Asia East Standard Time': 'Asia/Irkutsk',
  'Singapore Standard Time': 'Asia/Singapore',
  'W. Australia Standard Time': 'Australia/Perth',
  'Taipei Standard Time': 'Asia/Taipei',
  'Ulaanbaatar Standard Time': 'Asia/Ulaanbaatar',
  'Aus Central W. Standard Time': 'Australia/Eucla',
  'Transbaikal Standard Time': 'Asia/Chita',
  'Tokyo Standard Time': 'Asia/Tokyo',
  'North Korea Standard Time': 'Asia/Pyongyang',
  'Korea Standard Time': 'Asia/Seoul',
  'Yakutsk Standard Time': 'Asia/Yakutsk',
  // UTC+09:30 .. UTC+14:00
  'Cen. Australia Standard Time': 'Australia/Adelaide',
  'AUS Central Standard Time': 'Australia/Darwin',
  'E. Australia Standard Time': 'Australia/Brisbane',
  'AUS Eastern Standard Time': 'Australia/Sydney',
  'West Pacific Standard Time': 'Pacific/Port_Moresby',
  'Tasmania Standard Time': 'Australia/Hobart',
  'Vladivostok Standard Time': 'Asia/Vladivostok',
  'Lord Howe Standard Time': 'Australia/Lord_Howe',
  'Bougainville Standard Time': 'Pacific/Bougainville',
  'Russia Time Zone 10': 'Asia/Srednekolymsk',
  'Magadan Standard Time': 'Asia/Magadan',
  'Norfolk Standard Time': 'Pacific/Norfolk',
  'Sakhalin Standard Time': 'Asia/Sakhalin',
  'Central Pacific Standard Time': 'Pacific/Guadalcanal',
  'Russia Time Zone 11': 'Asia/Kamchatka',
  'New Zealand Standard Time': 'Pacific/Auckland',
  'UTC+12': 'Etc/GMT-12',
  'Fiji Standard Time': 'Pacific/Fiji',
  'Chatham Islands Standard Time': 'Pacific/Chatham',
  'UTC+13': 'Etc/GMT-13',
  'Tonga Standard Time': 'Pacific/Tongatapu',
  'Samoa Standard Time': 'Pacific/Apia',
  'Line Islands Standard Time': 'Pacific/Kiritimati',
};

/**
 * Outlook display names ("(UTC+01:00) Amsterdam, Berlin, ..."), English and
 * German, for the zones most likely in German feeds. A rule matches when the
 * display name's offset equals `offsetMinutes` and the text after the offset
 * prefix contains one of `needles` (lower-case). Rules are tried in order.
 */
const DISPLAY_NAME_RULES: ReadonlyArray<{
  readonly offsetMinutes: number;
  readonly needles: readonly string[];
  readonly zone: string;
}> = [
  { offsetMinutes: 60, zone: 'Europe/Berlin', needles: ['berlin', 'amsterdam', 'wien', 'vienna', 'rom', 'stockholm', 'bern'] },
  { offsetMinutes: 60, zone: 'Europe/Paris', needles: ['brüssel', 'brussels', 'kopenhagen', 'copenhagen', 'madrid', 'paris'] },
  { offsetMinutes: 60, zone: 'Europe/Budapest', needles: ['belgrad', 'bratislava', 'budapest', 'ljubljana', 'prag'] },
  { offsetMinutes: 60, zone: 'Europe/Warsaw', needles: ['sarajevo', 'skopje', 'warschau', 'warsaw', 'zagreb'] },
  { offsetMinutes: 0, zone: 'Europe/London', needles: ['dublin', 'edinburgh', 'lissabon', 'lisbon', 'london'] },
  { offsetMinutes: 0, zone: 'UTC', needles: ['coordinated universal time', 'koordinierte weltzeit'] },
];

/** "(UTC+01:00) ...", "(GMT+01:00) ...", "(UTC) ...": sign, hours, minutes, rest. */
const DISPLAY_PREFIX = /^\((?:utc|gmt)(?:\s*([+\-\u2212])\s*(\d{1,2})(?::?(\d{2}))?)?\)\s*(.*)$/;

let lowerCaseZones: Map<string, string> | undefined;

function normalizeName(name: string): string {
  return name
    .normalize('NFC')
    .trim()
    .replace(/^"([\s\S]*)"$/, '$1')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

function lookupTable(): Map<string, string> {
  if (lowerCaseZones === undefined) {
    lowerCaseZones = new Map();
    for (const [windowsName, iana] of Object.entries(WINDOWS_ZONES)) {
      lowerCaseZones.set(windowsName.toLowerCase(), iana);
    }
  }
  return lowerCaseZones;
}

function displayNameToIana(key: string): string | undefined {
  const match = DISPLAY_PREFIX.exec(key);
  if (match === null) return undefined;
  const [, sign, hours, minutes, rest] = match;
  let offsetMinutes = 0;
  if (hours !== undefined) {
    offsetMinutes = Number(hours) * 60 + (minutes === undefined ? 0 : Number(minutes));
    if (sign !== '+') offsetMinutes = -offsetMinutes;
  }
  const text = rest ?? '';
  for (const rule of DISPLAY_NAME_RULES) {
    if (rule.offsetMinutes !== offsetMinutes) continue;
    if (rule.needles.some((needle) => text.includes(needle))) return rule.zone;
  }
  return undefined;
}

/**
 * The IANA zone for a Windows zone name (e.g. "W. Europe Standard Time" ->
 * "Europe/Berlin"), or undefined. Case- and whitespace-insensitive (leading,
 * trailing and repeated whitespace is ignored, as are surrounding double
 * quotes). Also accepts common Outlook display names such as
 * "(UTC+01:00) Amsterdam, Berlin, Bern, Rom, Stockholm, Wien" -> Europe/Berlin,
 * "(UTC+01:00) Brüssel, Kopenhagen, Madrid, Paris" -> Europe/Paris,
 * "(UTC+01:00) Belgrad, Bratislava, Budapest, Ljubljana, Prag" -> Europe/Budapest,
 * "(UTC+01:00) Sarajevo, Skopje, Warschau, Zagreb" -> Europe/Warsaw,
 * "(UTC) Dublin, Edinburgh, Lissabon, London" -> Europe/London and
 * "(UTC) Koordinierte Weltzeit" / "(UTC) Coordinated Universal Time" -> UTC
 * (English or German city names, "UTC" or "GMT" prefix).
 */
export function windowsZoneToIana(name: string): string | undefined {
  const key = normalizeName(name);
  if (key === '') return undefined;
  return lookupTable().get(key) ?? displayNameToIana(key);
}
