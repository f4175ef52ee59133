import { randomToken, sha256Hex } from "@svc/platform";

/** 32 random bytes, base64url: the invitation's only secret, shown in its link and stored hashed. */
export const newInvitationToken = () => randomToken(32);

export const invitationTokenHash = (token: string) => sha256Hex(token);

/** The join page's link; the token is a path segment of the app, never of an API URL. */
export const inviteUrlOf = (appBaseUrl: string, slug: string, token: string) =>
  `${appBaseUrl.replace(/\/+$/, "")}/join/${slug}/${token}`;
