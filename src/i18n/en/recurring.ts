/** A planned visit's job summary, written once in the team's language when the visit is generated. */
export const recurring = {
  'recurring.summary':
    '{name} ({code}), planned for {date}{overCap, select, yes {; covered visit {n, number} of {visits, number} per {per} at {site}: beyond the cap} other {}}',
} as const;
