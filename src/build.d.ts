/** ISO time of the build (vite.config.ts → define). */
declare const __APP_BUILD__: string;
