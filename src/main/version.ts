// The app's version, from package.json at build time.
import manifest from '../../package.json' with { type: 'json' };

export const APP_VERSION: string = manifest.version;
