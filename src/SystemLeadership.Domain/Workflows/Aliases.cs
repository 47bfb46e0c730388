global using CommissionTransition = SystemLeadership.Domain.Workflows.Transition<
    SystemLeadership.Domain.Brokerage.CommissionState, SystemLeadership.Domain.Brokerage.CommissionMove,
    SystemLeadership.Domain.Brokerage.BrokerageRole, SystemLeadership.Domain.Brokerage.Commission>;
global using ProposalTransition = SystemLeadership.Domain.Workflows.Transition<
    SystemLeadership.Domain.Brokerage.ProposalState, SystemLeadership.Domain.Brokerage.ProposalMove,
    SystemLeadership.Domain.Brokerage.BrokerageRole, SystemLeadership.Domain.Brokerage.Proposal>;
global using DeploymentTransition = SystemLeadership.Domain.Workflows.Transition<
    SystemLeadership.Domain.Deployments.DeploymentState, SystemLeadership.Domain.Deployments.DeploymentMove,
    SystemLeadership.Domain.Brokerage.BrokerageRole, SystemLeadership.Domain.Deployments.Deployment>;
global using ClaimTransition = SystemLeadership.Domain.Workflows.Transition<
    SystemLeadership.Domain.Reimbursement.ClaimState, SystemLeadership.Domain.Reimbursement.ClaimMove,
    SystemLeadership.Domain.Reimbursement.ClaimRole, SystemLeadership.Domain.Reimbursement.Claim>;
global using ApplicationTransition = SystemLeadership.Domain.Workflows.Transition<
    SystemLeadership.Domain.Designations.ApplicationState, SystemLeadership.Domain.Designations.ApplicationMove,
    SystemLeadership.Domain.Designations.ApplicationActor, SystemLeadership.Domain.Designations.ApplicationContext>;
global using DesignationTransition = SystemLeadership.Domain.Workflows.Transition<
    SystemLeadership.Domain.Designations.DesignationState, SystemLeadership.Domain.Designations.DesignationMove,
    SystemLeadership.Domain.Designations.ApplicationActor, SystemLeadership.Domain.Designations.DesignationContext>;
