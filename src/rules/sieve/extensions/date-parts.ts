/** A moment with the zone offset it is to be shown in (minutes east of UTC). */
export interface ZonedDate {
  instant: Date;
  offsetMinutes: number;
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function zoneText(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const magnitude = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(magnitude / 60))}${pad(magnitude % 60)}`;
}

/** Parses a `:zone` argument (`+0100`, RFC 5260 §4.1) into minutes east of UTC, or null. */
export function parseZone(text: string): number | null {
  const match = /^([+-])([0-9]{2})([0-9]{2})$/.exec(text.trim());
  if (match === null) return null;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** Reads an RFC 5322 §3.3 date-time, keeping its own zone; null when it is not one. */
export function parseMessageDate(value: string): ZonedDate | null {
  const match = /(\d{1,2})\s+([A-Za-z]{3})\s+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{4}|[A-Za-z]{1,5})?/.exec(value);
  if (match === null) return null;
  const month = MONTHS.findIndex((name) => name.toLowerCase() === match[2]!.toLowerCase());
  if (month < 0) return null;
  let year = Number(match[3]);
  if (match[3]!.length === 2) year += year < 50 ? 2000 : 1900;
  const zone = match[7] ?? '+0000';
  const offsetMinutes = parseZone(zone) ?? ({ ut: 0, gmt: 0, z: 0, edt: -240, est: -300, cdt: -300, cst: -360, mdt: -360, mst: -420, pdt: -420, pst: -480 } as Record<string, number>)[zone.toLowerCase()] ?? 0;
  const local = Date.UTC(year, month, Number(match[1]), Number(match[4]), Number(match[5]), Number(match[6] ?? 0));
  if (Number.isNaN(local)) return null;
  return { instant: new Date(local - offsetMinutes * 60_000), offsetMinutes };
}

/**
 * The value of one date-part (RFC 5260 §4.2) of a moment shown in its zone: year, month, day,
 * date, julian, hour, minute, second, time, iso8601, std11, zone, weekday. Undefined for an
 * unknown part.
 */
export function datePart(date: ZonedDate, part: string): string | undefined {
  const shifted = new Date(date.instant.getTime() + date.offsetMinutes * 60_000);
  const year = pad(shifted.getUTCFullYear(), 4);
  const month = pad(shifted.getUTCMonth() + 1);
  const day = pad(shifted.getUTCDate());
  const time = `${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}:${pad(shifted.getUTCSeconds())}`;
  const zone = zoneText(date.offsetMinutes);
  switch (part.toLowerCase()) {
    case 'year':
      return year;
    case 'month':
      return month;
    case 'day':
      return day;
    case 'date':
      return `${year}-${month}-${day}`;
    case 'julian':
      // Modified Julian Day: days since 1858-11-17.
      return String(Math.floor((Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth(), shifted.getUTCDate()) - Date.UTC(1858, 10, 17)) / 86_400_000));
    case 'hour':
      return pad(shifted.getUTCHours());
    case 'minute':
      return pad(shifted.getUTCMinutes());
    case 'second':
      return pad(shifted.getUTCSeconds());
    case 'time':
      return time;
    case 'iso8601':
      return `${year}-${month}-${day}T${time}${date.offsetMinutes === 0 ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(3)}`}`;
    case 'std11':
      return `${WEEKDAYS[shifted.getUTCDay()]}, ${shifted.getUTCDate()} ${MONTHS[shifted.getUTCMonth()]} ${year} ${time} ${zone}`;
    case 'zone':
      return zone;
    case 'weekday':
      return String(shifted.getUTCDay());
    default:
      return undefined;
  }
}
