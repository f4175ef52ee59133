/** Optional secrets (documented in .dev.vars.example, so absent from the generated Env). */
export type UploadsEnv = OrgEnv & {
  UPLOAD_SIGNING_KEY?: string;
  R2_ACCESS_KEY_ID?: string;
  R2_SECRET_ACCESS_KEY?: string;
};
