import { Alert, Box, Chip, List, ListItem, ListItemText, Paper, Stack, Typography } from '@mui/material';
import type { SearchWidening } from '../../../shared/contract/matching';

/**
 * When no home passes: which rules excluded most homes, and what one step of widening each limit
 * would add. Read-only on purpose: the policy is an administrator's and the referral the social
 * worker's, so the officer takes these figures to them rather than changing anything here.
 */
export function WideningPanel({ widening, excluded }: { widening: SearchWidening; excluded: number }) {
  const top = widening.excludedBy.slice(0, 6);
  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="widening-title">
      <Typography id="widening-title" variant="h6" component="h3" gutterBottom>
        What excluded the {excluded} {excluded === 1 ? 'home' : 'homes'}, and what widening would add
      </Typography>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={3}>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Typography variant="subtitle2" component="h4">
            Rules that excluded most homes
          </Typography>
          <List dense aria-label="Homes excluded by each rule">
            {top.map((e) => (
              <ListItem key={e.rule} disableGutters>
                <ListItemText primary={e.label} />
                <Chip size="small" label={`${e.homes} ${e.homes === 1 ? 'home' : 'homes'}`} />
              </ListItem>
            ))}
          </List>
          <Typography variant="body2" color="text.secondary">
            A home broken by two rules counts under both.
          </Typography>
        </Box>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Typography variant="subtitle2" component="h4">
            One step wider, one rule at a time
          </Typography>
          {widening.widenings.length === 0 ? (
            <Typography variant="body2" sx={{ mt: 1 }}>
              None of the rules that excluded these homes is a limit the policy or the referral sets, so widening would not help.
            </Typography>
          ) : (
            <List dense aria-label="What widening each limit would add">
              {widening.widenings.map((w) => (
                <ListItem key={w.rule} disableGutters>
                  <ListItemText
                    primary={w.words}
                    secondary={
                      w.changes === 'policy'
                        ? 'A change to the matching policy: an administrator decides'
                        : 'A change to the referral: agree it with the social worker'
                    }
                  />
                </ListItem>
              ))}
            </List>
          )}
        </Box>
      </Stack>
      <Alert severity="info" sx={{ mt: 1 }}>
        These are figures only: nothing has been changed. The policy stays as it is until an administrator changes it, and the referral until it is edited.
      </Alert>
    </Paper>
  );
}
