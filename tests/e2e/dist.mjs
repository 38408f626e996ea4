// The build the browser tests run against: `dist` unless COUNTERPART_E2E_DIST
// names another (a worktree's own build), shared by the config and the specs.
export const DIST = process.env.COUNTERPART_E2E_DIST || 'dist';
