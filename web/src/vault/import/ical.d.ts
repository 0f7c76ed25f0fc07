// The part of ical.js (https://github.com/kewisch/ical.js) the vCard reader uses, mapped in by
// web/tsconfig.json's `paths`: the package's own declarations do not compile under this project's
// strict settings (extensionless relative imports, an accessor overridden by a property).
type DesignSet = object;
declare const ICAL: {
  parse: { property(line: string, design?: DesignSet): unknown[] };
  design: { vcard: DesignSet; vcard3: DesignSet };
};
export default ICAL;
