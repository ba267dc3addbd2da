export { mountInbox, INBOX_PAGE_POLICY, type InboxMountOptions } from './mount-inbox.js';
export { findInboxDirectory, isInboxBuilt, loadInboxAssets, type InboxAsset, type InboxAssets } from './inbox-assets.js';
