import { router } from '../../trpc/procedures.js';
import { refundAction } from './actions/refund.action.js';

/** Customer lookup, the customer page and the actions on it. */
export const customersRouter = router({
  previewRefund: refundAction.preview,
  refund: refundAction.request,
});
